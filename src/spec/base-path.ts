interface ServerObject {
  url?: unknown;
  variables?: Record<string, { default?: unknown }>;
}

/**
 * The pathname of `servers[0].url`, server variables replaced by their defaults and without a trailing slash:
 * `https://api.deck.co/v2` → `/v2`, `{origin}/v1` → `/v1`. '' when there is no server or no path.
 */
export function basePathOf(servers: unknown): string {
  const server = Array.isArray(servers) ? (servers[0] as ServerObject | undefined) : undefined;
  if (!server || typeof server.url !== 'string') return '';
  const url = server.url.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const fallback = server.variables?.[name]?.default;
    return fallback === undefined ? '' : String(fallback);
  });
  let pathname: string;
  try {
    pathname = new URL(url, 'http://runwarden.invalid').pathname;
  } catch {
    return '';
  }
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed;
}
