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

interface Endpoint {
  operation: Operation;
  /** Parameter names in the order their values are captured. */
  names: string[];
}

interface PatternEdge {
  /** Whole-segment parameter when undefined; otherwise a segment like `{id}.json`. */
  regex: RegExp | undefined;
  node: TrieNode;
}

interface TrieNode {
  literals: Map<string, TrieNode>;
  patterns: PatternEdge[];
  endpoints: Map<string, Endpoint>;
}

const newNode = (): TrieNode => ({ literals: new Map(), patterns: [], endpoints: new Map() });

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function insert(root: TrieNode, operation: Operation): void {
  let node = root;
  const names: string[] = [];
  for (const segment of operation.fullPathTemplate.split('/').slice(1)) {
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
      edge = { regex: source === undefined ? undefined : new RegExp(source), node: newNode() };
      // Partial templates (`{id}.json`) are more specific than whole-segment ones: try them first.
      if (edge.regex) node.patterns.unshift(edge);
      else node.patterns.push(edge);
    }
    node = edge.node;
  }
  if (!node.endpoints.has(operation.method)) node.endpoints.set(operation.method, { operation, names });
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

function walk(node: TrieNode, segments: string[], index: number, method: string, values: string[]): Endpoint | undefined {
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

/** Compiles operations into a segment trie once; `match` then costs one walk down the trie. */
export function createRouter(operations: readonly Operation[]): Router {
  const root = newNode();
  for (const operation of operations) insert(root, operation);
  return {
    match(method, urlPathname) {
      const lowerMethod = method.toLowerCase();
      const pathname = pathnameOf(urlPathname);
      const segments = pathname.split('/');
      const values: string[] = [];
      const endpoint = segments[0] === '' ? walk(root, segments, 1, lowerMethod, values) : undefined;
      if (!endpoint) return { operation: undefined, nearest: nearestRoutes(operations, lowerMethod, pathname) };
      const pathParams: Record<string, string> = {};
      for (let index = 0; index < endpoint.names.length; index++) pathParams[endpoint.names[index]!] = decode(values[index]!);
      return { operation: endpoint.operation, pathParams };
    },
  };
}
