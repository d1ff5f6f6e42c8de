import { editDistance, stringDistance } from './edit-distance.ts';
import type { Operation } from './loaded-spec.ts';

/** A request routed to its operation, path parameters percent-decoded. */
export interface RouteMatch {
  operation: Operation;
  pathParams: Record<string, string>;
}

/** No operation matches: the closest documented routes (`GET /v2/task-runs/{run_id}`), closest first. */
export interface RouteMiss {
  operation: undefined;
  nearest: string[];
}

/** Matches request method + pathname to operations; compiled once, called on every simulated request. */
export interface Router {
  /** Matches on the pathname only (a full URL's host and any query are ignored). Literal segments beat templated ones. */
  match(method: string, urlPathname: string): RouteMatch | RouteMiss;
}

/** One route of a route table: method, OpenAPI-templated path (`/task-runs/{run_id}`), and what it leads to. */
export interface RouteEntry<T> {
  method: string;
  path: string;
  target: T;
}

/** A route table compiled into a segment trie; `match` gives the target and the percent-decoded path parameters. */
export interface RouteTable<T> {
  /** `pathname` must start with '/' and carry no query. Literal segments beat templated ones; methods are case-insensitive. */
  match(method: string, pathname: string): { target: T; params: Record<string, string> } | undefined;
}

interface Endpoint<T> {
  target: T;
  /** Parameter names in the order their values are captured. */
  names: string[];
}

interface PatternEdge<T> {
  /** Whole-segment parameter when undefined; otherwise a segment like `{id}.json`. */
  regex: RegExp | undefined;
  node: TrieNode<T>;
}

interface TrieNode<T> {
  literals: Map<string, TrieNode<T>>;
  patterns: PatternEdge<T>[];
  endpoints: Map<string, Endpoint<T>>;
}

const newNode = <T>(): TrieNode<T> => ({ literals: new Map(), patterns: [], endpoints: new Map() });

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function insert<T>(root: TrieNode<T>, route: RouteEntry<T>): void {
  let node = root;
  const names: string[] = [];
  for (const segment of route.path.split('/').slice(1)) {
    const whole = /^\{([^{}]+)\}$/.exec(segment);
    if (!segment.includes('{')) {
      let next = node.literals.get(segment);
      if (!next) node.literals.set(segment, (next = newNode()));
      node = next;
      continue;
    }
    let source: string | undefined;
    if (whole) {
      names.push(whole[1]!);
    } else {
      source = `^${segment.split(/(\{[^{}]+\})/).map((part) => {
        const name = /^\{([^{}]+)\}$/.exec(part)?.[1];
        if (name === undefined) return escapeRegex(part);
        names.push(name);
        return '(.+?)';
      }).join('')}$`;
    }
    let edge = node.patterns.find((candidate) => candidate.regex?.source === source || (candidate.regex === undefined && source === undefined));
    if (!edge) {
      edge = { regex: source === undefined ? undefined : new RegExp(source), node: newNode<T>() };
      // Partial templates (`{id}.json`) are more specific than whole-segment ones: try them first.
      if (edge.regex) node.patterns.unshift(edge);
      else node.patterns.push(edge);
    }
    node = edge.node;
  }
  const method = route.method.toLowerCase();
  if (!node.endpoints.has(method)) node.endpoints.set(method, { target: route.target, names });
}

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function pathnameOf(input: string): string {
  let pathname = input;
  if (pathname.charCodeAt(0) !== 47 /* '/' */) {
    try {
      pathname = new URL(pathname, 'http://runwarden.invalid').pathname;
    } catch {
      return pathname;
    }
  }
  const query = pathname.indexOf('?');
  if (query !== -1) pathname = pathname.slice(0, query);
  const hash = pathname.indexOf('#');
  return hash === -1 ? pathname : pathname.slice(0, hash);
}

function walk<T>(node: TrieNode<T>, segments: string[], index: number, method: string, values: string[]): Endpoint<T> | undefined {
  if (index === segments.length) return node.endpoints.get(method);
  const segment = segments[index]!;
  const literal = node.literals.get(segment);
  if (literal) {
    const found = walk(literal, segments, index + 1, method, values);
    if (found) return found;
  }
  if (segment === '') return undefined;
  for (const edge of node.patterns) {
    const depth = values.length;
    if (edge.regex) {
      const match = edge.regex.exec(segment);
      if (!match) continue;
      for (let group = 1; group < match.length; group++) values.push(match[group]!);
    } else {
      values.push(segment);
    }
    const found = walk(edge.node, segments, index + 1, method, values);
    if (found) return found;
    values.length = depth;
  }
  return undefined;
}

/** Ranks operations by how close `METHOD pathname` is to each route; a templated segment matches anything. */
function nearestRoutes(operations: readonly Operation[], method: string, pathname: string, limit = 3): string[] {
  const segments = pathname.split('/').slice(1);
  return operations
    .map((operation) => {
      const template = operation.fullPathTemplate.split('/').slice(1);
      const pathCost = editDistance(segments, template, (received, documented) => {
        if (received === documented || (documented.includes('{') && received !== '')) return 0;
        return Math.min(1, stringDistance(received, documented) / Math.max(received.length, documented.length, 1));
      });
      return { route: `${operation.method.toUpperCase()} ${operation.fullPathTemplate}`, cost: pathCost + (operation.method === method ? 0 : 0.75) };
    })
    .sort((a, b) => a.cost - b.cost)
    .slice(0, limit)
    .map(({ route }) => route);
}

/** Compiles routes into a segment trie once; `match` then costs one walk down the trie. */
export function createRouteTable<T>(routes: readonly RouteEntry<T>[]): RouteTable<T> {
  const root = newNode<T>();
  for (const route of routes) insert(root, route);
  return {
    match(method, pathname) {
      const segments = pathname.split('/');
      const values: string[] = [];
      const endpoint = segments[0] === '' ? walk(root, segments, 1, method.toLowerCase(), values) : undefined;
      if (!endpoint) return undefined;
      const params: Record<string, string> = {};
      for (let index = 0; index < endpoint.names.length; index++) params[endpoint.names[index]!] = decode(values[index]!);
      return { target: endpoint.target, params };
    },
  };
}

/** Routes requests to a spec's operations (by full path, base path included), naming the nearest routes on a miss. */
export function createRouter(operations: readonly Operation[]): Router {
  const table = createRouteTable(operations.map((operation) => ({ method: operation.method, path: operation.fullPathTemplate, target: operation })));
  return {
    match(method, urlPathname) {
      const pathname = pathnameOf(urlPathname);
      const hit = table.match(method, pathname);
      if (!hit) return { operation: undefined, nearest: nearestRoutes(operations, method.toLowerCase(), pathname) };
      return { operation: hit.target, pathParams: hit.params };
    },
  };
}
