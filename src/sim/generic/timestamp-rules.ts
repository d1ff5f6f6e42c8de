import type { LifecycleModel } from './lifecycle-model.ts';
import type { RunPlan } from './run-plan.ts';

/** When a run sets one of its timestamps. */
export type TimestampRule =
  /** At creation (the first timestamp of the profile's list). */
  | { readonly kind: 'created' }
  /** When the run enters a terminal state (the last of the list). */
  | { readonly kind: 'ended' }
  /**
   * When it first enters this state: the field is named after it (`canceled_at`, `failed_at`). `alsoEnds`: the
   * terminal states whose examples show the field set too (`completed_at` on a failed run): set at the end there.
   */
  | { readonly kind: 'state'; readonly state: number; readonly alsoEnds: readonly number[] }
  /** When it makes its n-th move into a non-terminal state (`started_at`, between the first and the last). */
  | { readonly kind: 'step'; readonly step: number };

/** `_at`, `At`, `_time`, `_on`, `_ts`, `_date` (compared in lower case). */
const SUFFIX = /(?:_?at|_?time|_on|_ts|_?date)$/;
const normalize = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * How each of a run kind's timestamps (profile order) is set. A field named after a state is set when the run
 * enters that state (and at the end of the terminal states `shownIn` says the spec's examples show it in);
 * otherwise the first is the creation, the last the end, and those between the moves between.
 */
export function timestampRules(pointers: readonly string[], model: LifecycleModel, shownIn: (pointer: string, state: number) => boolean = () => false): TimestampRule[] {
  const states = model.states.map(normalize);
  return pointers.map((pointer, index) => {
    const name = normalize((pointer.split('/').pop() ?? '').toLowerCase().replace(SUFFIX, ''));
    const state = states.indexOf(name);
    if (state !== -1 && name !== '') {
      const alsoEnds = model.states.flatMap((_, other) => (other !== state && model.terminal[other] && shownIn(pointer, other) ? [other] : []));
      return { kind: 'state', state, alsoEnds };
    }
    if (index === 0) return { kind: 'created' };
    if (index === pointers.length - 1) return { kind: 'ended' };
    return { kind: 'step', step: index };
  });
}

/**
 * The clock time of each timestamp of a run at `step` of its plan (undefined: not set yet, or never for this run),
 * written into `out`. Times never decrease along the list, so the profile's order always holds.
 */
export function timestampTimes(rules: readonly TimestampRule[], model: LifecycleModel, plan: RunPlan, createdAt: number, step: number, out: (number | undefined)[]): void {
  let floor = createdAt;
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    let offset: number | undefined;
    if (rule.kind === 'created') offset = 0;
    else if (rule.kind === 'ended') offset = model.terminal[plan.path[step]!] ? plan.offsets[step] : undefined;
    else if (rule.kind === 'step') offset = rule.step <= step && !model.terminal[plan.path[rule.step]!] ? plan.offsets[rule.step] : undefined;
    else {
      const entered = plan.path.indexOf(rule.state);
      offset = entered !== -1 && entered <= step ? plan.offsets[entered] : rule.alsoEnds.includes(plan.path[step]!) ? plan.offsets[step] : undefined;
    }
    if (offset === undefined) {
      out[index] = undefined;
      continue;
    }
    floor = Math.max(floor, createdAt + offset);
    out[index] = floor;
  }
}
