import { escapeToken, resolvePointer } from '../spec/json-pointer.ts';

type Json = Record<string, unknown>;

/** What a schema says about object keys and nested values, computed once per schema object. */
export interface ShapePlan {
  declared: Set<string>;
  patterns: RegExp[];
  /** `additionalProperties: false` or `unevaluatedProperties: false`: Ajv reports extra keys itself. */
  closed: boolean;
  /** `additionalProperties: <schema>`: the object is a map; its keys are data, not drift. */
  mapValues: ShapePlan | undefined;
  properties: Map<string, ShapePlan>;
  items: ShapePlan | undefined;
  prefixItems: ShapePlan[];
  allOf: ShapePlan[];
  alternatives: ShapePlan[];
  /** Explicit mapping values, else a component named like the value (OpenAPI's implicit mapping). */
  discriminator: { propertyName: string; planFor(value: string): ShapePlan | undefined } | undefined;
  /** Properties pinned by `const` / single-value `enum` (used to pick among alternatives). */
  tags: Map<string, unknown[]>;
  required: string[];
  /** False when `type` excludes objects. */
  admitsObject: boolean;
}

/** Reports properties a schema does not declare; an empty result means nothing undocumented. */
export type UndocumentedCheck = (data: unknown) => Array<{ pointer: string; property: string; declared: string[] }>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const EMPTY_PLAN: ShapePlan = {
  declared: new Set(), patterns: [], closed: false, mapValues: undefined, properties: new Map(), items: undefined,
  prefixItems: [], allOf: [], alternatives: [], discriminator: undefined, tags: new Map(), required: [], admitsObject: true,
};

/** Returns the (cached) shape plan of a schema object. */
export type ShapePlanner = (schema: unknown) => ShapePlan;

/**
 * Builds and caches shape plans for the schemas of one dereferenced document (cycles allowed). `document` is the
 * dereferenced document, or a function that gives its dereferenced value at a pointer (so a large spec is
 * dereferenced only where a discriminator mapping points).
 */
export function createShapePlanner(document: unknown): ShapePlanner {
  const plans = new WeakMap<object, ShapePlan>();
  const at = (pointer: string): unknown => (typeof document === 'function' ? (document as (pointer: string) => unknown)(pointer) : resolvePointer(document, pointer)?.value);

  function planOf(schema: unknown): ShapePlan {
    if (schema === false) return { ...EMPTY_PLAN, closed: true };
    if (!isObject(schema)) return EMPTY_PLAN;
    const cached = plans.get(schema);
    if (cached) return cached;
    const plan: ShapePlan = { ...EMPTY_PLAN, declared: new Set(), properties: new Map(), tags: new Map(), patterns: [], prefixItems: [] };
    plans.set(schema, plan);
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const [name, sub] of Object.entries(properties)) {
      plan.declared.add(name);
      plan.properties.set(name, planOf(sub));
      if (isObject(sub)) {
        if ('const' in sub) plan.tags.set(name, [sub.const]);
        else if (Array.isArray(sub.enum) && sub.enum.length === 1) plan.tags.set(name, sub.enum);
      }
    }
    for (const pattern of Object.keys(isObject(schema.patternProperties) ? schema.patternProperties : {})) {
      try {
        plan.patterns.push(new RegExp(pattern, 'u'));
      } catch {
        // An invalid pattern fails compilation elsewhere; here it simply declares nothing.
      }
    }
    plan.closed = schema.additionalProperties === false || schema.unevaluatedProperties === false;
    if (isObject(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0) {
      plan.mapValues = planOf(schema.additionalProperties);
    }
    if (Array.isArray(schema.items)) plan.prefixItems = schema.items.map(planOf);
    else if (schema.items !== undefined) plan.items = planOf(schema.items);
    if (Array.isArray(schema.prefixItems)) plan.prefixItems = schema.prefixItems.map(planOf);
    plan.allOf = Array.isArray(schema.allOf) ? schema.allOf.map(planOf) : [];
    const alternatives = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
    plan.alternatives = alternatives.map(planOf);
    plan.required = Array.isArray(schema.required) ? schema.required.map(String) : [];
    const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : undefined;
    plan.admitsObject = types === undefined || types.includes('object');
    const discriminator = schema.discriminator;
    if (isObject(discriminator) && typeof discriminator.propertyName === 'string' && alternatives.length > 0) {
      const byValue = new Map<string, ShapePlan>();
      for (const [value, ref] of Object.entries(isObject(discriminator.mapping) ? discriminator.mapping : {})) {
        const pointer = String(ref).includes('#') ? String(ref).slice(String(ref).indexOf('#')) : `#/components/schemas/${String(ref)}`;
        const target = at(pointer);
        if (target !== undefined) byValue.set(value, planOf(target));
      }
      const branches = plan.alternatives;
      plan.discriminator = {
        propertyName: discriminator.propertyName,
        planFor(value) {
          const explicit = byValue.get(value);
          if (explicit) return explicit;
          const target = at(`#/components/schemas/${escapeToken(value)}`);
          const implicit = target === undefined ? undefined : planOf(target);
          return implicit && branches.includes(implicit) ? implicit : undefined;
        },
      };
    }
    return plan;
  }

  return planOf;
}

/** Picks the alternatives (oneOf/anyOf branches) an object most plausibly is. */
function chooseAlternatives(plan: ShapePlan, data: Json, seen: Set<ShapePlan>): ShapePlan[] {
  if (plan.discriminator) {
    const tag = data[plan.discriminator.propertyName];
    const mapped = typeof tag === 'string' ? plan.discriminator.planFor(tag) : undefined;
    if (mapped) return [mapped];
  }
  const keys = Object.keys(data);
  const scored = plan.alternatives
    .filter((branch) => branch.admitsObject)
    .filter((branch) => [...branch.tags].every(([name, values]) => !(name in data) || values.some((value) => value === data[name])))
    .map((branch) => {
      const flat = flatten(branch, data, new Set(seen));
      const declared = new Set(flat.flatMap((part) => [...part.declared]));
      const required = flat.flatMap((part) => part.required);
      const hasRequired = required.every((name) => name in data);
      const known = keys.filter((key) => declared.has(key)).length;
      return { branch, score: (hasRequired ? 10_000 : 0) + known * 10 - (keys.length - known) };
    });
  if (scored.length === 0) return [];
  const best = Math.max(...scored.map(({ score }) => score));
  return scored.filter(({ score }) => score === best).map(({ branch }) => branch);
}

/** The plan and every plan that applies with it to this object: allOf parts and the chosen alternatives. */
function flatten(plan: ShapePlan, data: Json, seen = new Set<ShapePlan>()): ShapePlan[] {
  if (seen.has(plan)) return [];
  seen.add(plan);
  const parts = [plan];
  for (const part of plan.allOf) parts.push(...flatten(part, data, seen));
  if (plan.alternatives.length > 0) {
    for (const alternative of chooseAlternatives(plan, data, seen)) parts.push(...flatten(alternative, data, seen));
  }
  return parts;
}

function walk(data: unknown, plans: ShapePlan[], pointer: string, out: ReturnType<UndocumentedCheck>): void {
  if (plans.length === 0) return;
  if (Array.isArray(data)) {
    const flat = plans.flatMap((plan) => [plan, ...plan.allOf, ...plan.alternatives]);
    data.forEach((item, index) => {
      const itemPlans = flat.flatMap((plan) => {
        const prefix = plan.prefixItems[index];
        return prefix ? [prefix] : plan.items ? [plan.items] : [];
      });
      walk(item, itemPlans, `${pointer}/${index}`, out);
    });
    return;
  }
  if (!isObject(data)) return;
  const flat = plans.flatMap((plan) => flatten(plan, data));
  const declared = new Set(flat.flatMap((plan) => [...plan.declared]));
  const closed = flat.some((plan) => plan.closed);
  const mapValues = flat.map((plan) => plan.mapValues).filter((plan): plan is ShapePlan => plan !== undefined);
  const patterns = flat.flatMap((plan) => plan.patterns);
  for (const [key, value] of Object.entries(data)) {
    const childPointer = `${pointer}/${escapeToken(key)}`;
    if (declared.has(key)) {
      const children = flat.map((plan) => plan.properties.get(key)).filter((plan): plan is ShapePlan => plan !== undefined);
      walk(value, children, childPointer, out);
    } else if (mapValues.length > 0) {
      walk(value, mapValues, childPointer, out);
    } else if (!closed && declared.size > 0 && !patterns.some((pattern) => pattern.test(key))) {
      out.push({ pointer: childPointer, property: key, declared: [...declared] });
    }
  }
}

/**
 * Precomputes a strict-mode check for one schema: it reports object keys the schema does not declare even
 * where `additionalProperties` allows them. Maps (`additionalProperties: <schema>`) and free-form objects
 * (no declared properties) are not drift; closed objects are left to Ajv.
 */
export function createUndocumentedCheck(schema: unknown, planOf: ShapePlanner): UndocumentedCheck {
  const plan = planOf(schema);
  return (data) => {
    const out: ReturnType<UndocumentedCheck> = [];
    walk(data, [plan], '', out);
    return out;
  };
}
