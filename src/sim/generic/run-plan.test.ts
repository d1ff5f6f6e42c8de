import { describe, expect, it } from 'vitest';
import { lifecycleFromDefinition, type LifecycleDefinition, type RunKind } from '../../core/profile/index.ts';
import { Rng } from '../random.ts';
import { lifecycleModel, type LifecycleModel } from './lifecycle-model.ts';
import { cancelPlan, deadlinePlan, divertPlan, placePlan, planRun, stepAt, type HoldTime, type RunPlan } from './run-plan.ts';

function kindOf(definition: LifecycleDefinition, cancel = false): RunKind {
  return {
    name: 'job',
    create: { operationId: 'create', runId: { from: 'body', pointer: '/id' } },
    ...(cancel ? { cancel: { operationId: 'cancel' } } : {}),
    alsoReturnedBy: [],
    lifecycle: lifecycleFromDefinition('test.job', definition),
    success: definition.success,
    failure: definition.failure,
    ...(definition.cancel ? { cancelPath: definition.cancel } : {}),
    timestamps: definition.timestamps ?? [],
    statusPointer: '/status',
  };
}

const JOBS: LifecycleDefinition = {
  status: '/state', initial: ['pending'], success: ['done'], failure: ['error', 'cancelled'],
  transitions: { pending: ['working', 'error', 'cancelled'], working: ['done', 'error', 'cancelled'] },
  cancel: ['cancelled'],
};
/** running ⇄ waiting can loop for ever; plans must still end. */
const LOOPING: LifecycleDefinition = {
  status: '/status', initial: ['queued'], success: ['completed'], failure: ['failed', 'canceled'],
  transitions: { queued: ['running', 'canceling'], running: ['waiting', 'completed', 'failed', 'canceling'], waiting: ['running', 'canceling'], canceling: ['canceled', 'completed'] },
  cancel: ['canceling', 'canceled'],
};

const hold: HoldTime = (_state, rng) => 100 + Math.floor(rng.next() * 400);
const names = (model: LifecycleModel, plan: RunPlan) => plan.path.map((state) => model.states[state]!);

/** Every consecutive pair of the path is a direct transition of the lifecycle. */
function expectLegal(model: LifecycleModel, plan: RunPlan): void {
  for (let index = 1; index < plan.path.length; index++) {
    expect(model.next[plan.path[index - 1]!], names(model, plan).join(' → ')).toContain(plan.path[index]);
  }
}

describe('run plans', () => {
  it('walk legal transitions from an initial state to a terminal one, with increasing entry times', () => {
    for (const definition of [JOBS, LOOPING]) {
      const model = lifecycleModel(kindOf(definition, true), undefined, 'test');
      for (let seed = 0; seed < 500; seed++) {
        const plan = planRun(model, new Rng(seed), hold);
        expect(definition.initial).toContain(model.states[plan.path[0]!]);
        expect(model.terminal[plan.path.at(-1)!]).toBe(true);
        expect(plan.path.length).toBeLessThanOrEqual(model.states.length * 2 + 1 + model.states.length);
        expectLegal(model, plan);
        expect(plan.offsets[0]).toBe(0);
        for (let index = 1; index < plan.offsets.length; index++) expect(plan.offsets[index]!).toBeGreaterThan(plan.offsets[index - 1]!);
      }
    }
  });

  it('end mostly in success, sometimes in each failure that is no cancel, never cancelled on their own', () => {
    const model = lifecycleModel(kindOf(JOBS, true), undefined, 'test');
    const ends = new Map<string, number>();
    for (let seed = 0; seed < 2000; seed++) {
      const end = names(model, planRun(model, new Rng(seed), hold)).at(-1)!;
      ends.set(end, (ends.get(end) ?? 0) + 1);
    }
    expect(ends.get('done')! / 2000).toBeGreaterThan(0.85);
    expect(ends.get('done')! / 2000).toBeLessThan(0.95);
    expect(ends.get('error')).toBeGreaterThan(0);
    expect(ends.has('cancelled')).toBe(false);
  });

  it('follow configured outcome weights, stuck included', () => {
    const model = lifecycleModel(kindOf(JOBS, true), { error: 1, stuck: 1 }, 'test');
    let stuck = 0;
    for (let seed = 0; seed < 400; seed++) {
      const plan = names(model, planRun(model, new Rng(seed), hold));
      if (plan.at(-1) === 'error') continue;
      expect(['pending', 'working']).toContain(plan.at(-1));
      stuck++;
    }
    expect(stuck).toBeGreaterThan(100);
    expect(stuck).toBeLessThan(300);
  });

  it('are the same for the same seed', () => {
    const model = lifecycleModel(kindOf(LOOPING, true), undefined, 'test');
    expect(planRun(model, new Rng(42), hold)).toEqual(planRun(model, new Rng(42), hold));
  });

  it('give the state at any time after creation', () => {
    const offsets = [0, 300, 700];
    expect([0, 299, 300, 699, 700, 10_000].map((elapsed) => stepAt(offsets, elapsed))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('cancel a run from now on along the cancel path, and not a run that has ended or is cancelling', () => {
    const model = lifecycleModel(kindOf(LOOPING, true), undefined, 'test');
    const plan = planRun(model, new Rng(7), hold, { target: model.indexOf.get('completed')! });
    const cancelled = cancelPlan(model, plan, 50, new Rng(1), hold)!;
    expect(names(model, cancelled)).toEqual(['queued', 'canceling', 'canceled']);
    expect(cancelled.offsets.slice(0, 2)).toEqual([0, 50]);
    expectLegal(model, cancelled);
    expect(cancelPlan(model, cancelled, 60, new Rng(1), hold)).toBeUndefined();
    expect(cancelPlan(model, plan, plan.offsets.at(-1)! + 1, new Rng(1), hold)).toBeUndefined();
  });

  it('place a run in a state: the shortest way there, held, then on to an outcome', () => {
    const model = lifecycleModel(kindOf(LOOPING, true), undefined, 'test');
    const { plan, enteredAt } = placePlan(model, model.indexOf.get('waiting')!, 60_000, new Rng(3), hold);
    expect(names(model, plan).slice(0, 3)).toEqual(['queued', 'running', 'waiting']);
    expect(stepAt(plan.offsets, enteredAt)).toBe(2);
    expect(stepAt(plan.offsets, enteredAt + 59_999)).toBe(2);
    expect(model.terminal[plan.path.at(-1)!]).toBe(true);
    expectLegal(model, plan);
  });

  it('refuse a lifecycle whose runs can never end', () => {
    const never: LifecycleDefinition = { status: '/s', initial: ['a'], success: ['done'], failure: [], transitions: { a: ['b'], b: ['a'] } };
    expect(() => lifecycleModel(kindOf(never), undefined, 'jobs.yaml:4:3')).toThrow(/jobs\.yaml:4:3: run kind "job" can never end/);
  });

  it('end an injected failure in the first failure state of the profile, and keep a stuck run in its first move that does not end it', () => {
    const model = lifecycleModel(kindOf(LOOPING, true), undefined, 'test');
    for (let seed = 0; seed < 200; seed++) {
      expect(names(model, planRun(model, new Rng(seed), hold, { failure: true })).at(-1)).toBe('failed');
      const stuck = planRun(model, new Rng(seed), hold, { stuck: true });
      expect(names(model, stuck)).toEqual(['queued', 'running']);
    }
  });

  it('end a run still going at a deadline in the given state then, and leave one that ended in time alone', () => {
    const model = lifecycleModel(kindOf(LOOPING, true), undefined, 'test');
    const failed = model.indexOf.get('failed')!;
    for (let seed = 0; seed < 200; seed++) {
      const plan = planRun(model, new Rng(seed), hold);
      const end = plan.offsets.at(-1)!;
      expect(deadlinePlan(model, plan, end, failed)).toBeUndefined();
      const cut = deadlinePlan(model, plan, end - 1, failed);
      if (cut === undefined) continue;
      expectLegal(model, cut);
      expect(names(model, cut).at(-1)).toBe('failed');
      expect(cut.offsets.at(-1)).toBe(end - 1);
    }
  });

  it('divert a waiting run into the state its answer moves it to, then on to an end, only from a state that leads there', () => {
    const model = lifecycleModel(kindOf(LOOPING, true), undefined, 'test');
    const running = model.indexOf.get('running')!;
    const waiting: RunPlan = { path: [model.indexOf.get('queued')!, running, model.indexOf.get('waiting')!], offsets: [0, 100, 200] };
    const diverted = divertPlan(model, waiting, 250, running, new Rng(1), hold)!;
    expectLegal(model, diverted);
    expect(names(model, diverted).slice(0, 4)).toEqual(['queued', 'running', 'waiting', 'running']);
    expect(diverted.offsets[3]).toBe(250);
    expect(model.terminal[diverted.path.at(-1)!]).toBe(true);
    expect(divertPlan(model, waiting, 150, running, new Rng(1), hold)).toBeUndefined();
  });

  it('treat a state with the same moves as one of the cancel path as another spelling of it: runs never walk into it', () => {
    const spelled: LifecycleDefinition = {
      ...LOOPING,
      transitions: {
        queued: ['running', 'canceling', 'cancelling'], running: ['waiting', 'completed', 'failed', 'canceling', 'cancelling'],
        waiting: ['running', 'canceling', 'cancelling'], canceling: ['canceled', 'completed'], cancelling: ['canceled', 'completed'],
      },
    };
    const model = lifecycleModel(kindOf(spelled, true), undefined, 'test');
    expect(model.cancelOnly[model.indexOf.get('cancelling')!]).toBe(true);
    for (let seed = 0; seed < 300; seed++) expect(names(model, planRun(model, new Rng(seed), hold))).not.toContain('cancelling');
  });
});
