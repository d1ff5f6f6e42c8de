/** One route of a provider, relative to its base path, e.g. `POST /task-runs/{run_id}/cancel`. */
export interface RouteSpec<T> {
  method: string;
  path: string;
  target: T;
}

/** A matched route with its decoded path parameters. */
export interface RouteMatch<T> {
  target: T;
  params: Record<string, string>;
}

interface CompiledRoute<T> {
  method: string;
  /** Literal segments, or `undefined` where the segment is a parameter. */
  literals: (string | undefined)[];
  names: (string | undefined)[];
  target: T;
}

/** A precompiled router: routes are split into segments once; matching compares segments, no regex per request. */
export interface Router<T> {
  /** The route for method + pathname (relative to the base path), or undefined. */
  match(method: string, pathname: string): RouteMatch<T> | undefined;
}

/** Compiles a route table. Paths use OpenAPI templating (`{name}` for a whole segment). */
export function compileRouter<T>(routes: readonly RouteSpec<T>[]): Router<T> {
  const bySegments = new Map<number, CompiledRoute<T>[]>();
  for (const route of routes) {
    const segments = route.path.split('/').slice(1);
    const compiled: CompiledRoute<T> = {
      method: route.method,
      literals: segments.map((segment) => (segment.startsWith('{') ? undefined : segment)),
      names: segments.map((segment) => (segment.startsWith('{') ? segment.slice(1, -1) : undefined)),
      target: route.target,
    };
    const list = bySegments.get(segments.length) ?? [];
    list.push(compiled);
    bySegments.set(segments.length, list);
  }
  return {
    match(method, pathname) {
      const segments = pathname.split('/');
      // pathname starts with '/', so segments[0] is ''.
      const candidates = bySegments.get(segments.length - 1);
      if (candidates === undefined || segments[0] !== '') return undefined;
      outer: for (const route of candidates) {
        if (route.method !== method) continue;
        for (let i = 0; i < route.literals.length; i++) {
          const literal = route.literals[i];
          const segment = segments[i + 1]!;
          if (literal !== undefined ? literal !== segment : segment.length === 0) continue outer;
        }
        const params: Record<string, string> = {};
        for (let i = 0; i < route.names.length; i++) {
          const name = route.names[i];
          if (name !== undefined) params[name] = decodeSegment(segments[i + 1]!);
        }
        return { target: route.target, params };
      }
      return undefined;
    },
  };
}

/** Percent-decodes a path segment; a malformed escape is kept as written (the handler then rejects the id). */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
