import { describe, expect, it } from 'vitest';
import { isRunwardenError } from '../core/errors.ts';
import { SIM_STATES } from '../sim/index.ts';
import { bundledPactsDir } from './bundled-pacts.ts';
import { readPacts } from './pact-file.ts';
import { PROVIDER_STATES, simStatesFor } from './provider-states.ts';

const pacts = await readPacts(bundledPactsDir());
const uses = pacts.flatMap((pact) => pact.interactions.flatMap((interaction) => interaction.providerStates.map((state) => ({ provider: pact.provider, state, interaction }))));

describe('PROVIDER_STATES', () => {
  it('maps every provider state the checked-in pacts use', () => {
    const unmapped = uses.filter(({ provider, state }) => PROVIDER_STATES[provider][state.name] === undefined).map(({ provider, state }) => `${provider}: ${state.name}`);
    expect(unmapped).toEqual([]);
  });

  it('maps each state only onto states the simulator knows', () => {
    const known = new Set(SIM_STATES.map((state) => state.name));
    for (const { provider, state, interaction } of uses) {
      let calls;
      try {
        calls = simStatesFor(provider, state.name, state.params);
      } catch (error) {
        // States the simulator cannot set up yet are allowed only in pending interactions.
        expect(isRunwardenError(error) && interaction.pending, `${provider} "${state.name}" fails for a non-pending interaction: ${String(error)}`).toBe(true);
        continue;
      }
      for (const call of calls) expect(known.has(call.state), `simulator state "${call.state}"`).toBe(true);
    }
  });

  it('has no mapping that no pact uses', () => {
    const used = new Set(uses.map(({ provider, state }) => `${provider}: ${state.name}`));
    const unused = Object.entries(PROVIDER_STATES).flatMap(([provider, states]) => Object.keys(states).map((name) => `${provider}: ${name}`)).filter((key) => !used.has(key));
    expect(unused).toEqual([]);
  });

  it('refuses a state pinned to an outcome for an id the simulator fixtures do not pin', () => {
    expect(() => simStatesFor('rightbrain', 'the task run fails on both models', { task_id: '00000000-0000-4000-8000-000000000000' }))
      .toThrow(/pins no error outcome for task_id 00000000-0000-4000-8000-000000000000/);
  });

  it('names an unmapped state, the known ones and where to add it', () => {
    try {
      simStatesFor('deck', 'a task run is sleeping', {});
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED', hint: expect.stringContaining('src/contract/provider-states.ts') });
      expect((error as Error).message).toContain('no handler for the deck provider state "a task run is sleeping"');
    }
  });
});
