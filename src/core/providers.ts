import { fileURLToPath } from 'node:url';

/** The providers runwarden ships specs, a simulator and clients for. */
export const PROVIDERS = ['rightbrain', 'deck', 'refactor'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Base path of each provider's API, as in its spec's `servers[0].url`. */
export const BASE_PATHS: Record<ProviderName, string> = {
  rightbrain: '/api/v1',
  deck: '/v2',
  refactor: '/v1',
};

/** Absolute path of the bundled spec for a provider. */
export function bundledSpecPath(provider: ProviderName): string {
  return fileURLToPath(new URL(`../../specs/${provider}.openapi.yaml`, import.meta.url));
}

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDERS as readonly string[]).includes(value);
}
