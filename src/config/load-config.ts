import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunwardenError } from '../core/errors.ts';
import type { ProviderProfile } from '../core/profile/profile.ts';
import { displayPath } from '../spec/index.ts';
import { checkAgainstSchema } from './config-schema.ts';
import { ProviderSet } from './provider-set.ts';
import { readSourceDocument, type SourceDocument } from './read-document.ts';
import { resolveProfile, type RawProfile } from './resolve-profile.ts';

/** Where the bundled providers' specs and profiles live. */
export const PRESETS_DIR = fileURLToPath(new URL('../../specs/', import.meta.url));
/** The config `runwarden` uses where the working directory has none: the bundled providers, pacts and scenarios. */
export const DEFAULT_CONFIG = fileURLToPath(new URL('../../runwarden.config.yaml', import.meta.url));
/** The names a config file is found by, in the working directory. */
export const CONFIG_FILE_NAMES = ['runwarden.config.yaml', 'runwarden.config.yml', 'runwarden.config.json'] as const;

/** runwarden.config.yaml, read and resolved: every path absolute, every profile built. */
export interface RunwardenConfig {
  file: string;
  /** True when no config was given or found and the bundled one is used. */
  isDefault: boolean;
  providers: ProviderSet;
  /** A pact file or directory, when the config names one. */
  pacts?: string;
  /** Scenario files (absolute paths) and bundled scenario names, in order. */
  scenarios: string[];
  /** SLO thresholds merged over every scenario's own, as written (the load layer checks them). */
  thresholds?: unknown;
  reportsOut?: string;
  /** Arrival phase of each scenario in `runwarden ci`, e.g. `3s`. */
  loadDuration?: string;
}

interface RawConfig {
  providers: Record<string, RawProfile | { preset: string } & Overrides | { profile: string } & Overrides>;
  pacts?: string;
  scenarios?: string[];
  thresholds?: unknown;
  reports?: { out?: string };
  load?: { duration?: string };
}

type Overrides = Pick<RawProfile, 'baseUrl' | 'auth' | 'providerStates'>;

/** The config file in `cwd`, if there is one. */
export function findConfigFile(cwd = process.cwd()): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
}

/** Reads `--config` (or the config in the working directory, or the bundled default). Errors carry file:line:column. */
export function loadConfig(options: { file?: string; cwd?: string } = {}): RunwardenConfig {
  const given = options.file === undefined ? findConfigFile(options.cwd) : path.resolve(options.cwd ?? process.cwd(), options.file);
  const file = given ?? DEFAULT_CONFIG;
  const document = readSourceDocument(file, 'config file');
  checkAgainstSchema(document, 'config');
  const raw = document.value as RawConfig;
  const dir = path.dirname(file);
  const profiles = Object.entries(raw.providers).map(([name, entry]) => profileOf(name, entry, document));
  return {
    file,
    isDefault: given === undefined,
    providers: new ProviderSet(profiles, displayPath(file)),
    ...(raw.pacts === undefined ? {} : { pacts: path.resolve(dir, raw.pacts) }),
    scenarios: (raw.scenarios ?? []).map((entry) => (looksLikePath(entry) ? path.resolve(dir, entry) : entry)),
    ...(raw.thresholds === undefined ? {} : { thresholds: raw.thresholds }),
    ...(raw.reports?.out === undefined ? {} : { reportsOut: path.resolve(dir, raw.reports.out) }),
    ...(raw.load?.duration === undefined ? {} : { loadDuration: raw.load.duration }),
  };
}

function profileOf(name: string, entry: RawConfig['providers'][string], document: SourceDocument): ProviderProfile {
  const at = `/providers/${name}`;
  if ('preset' in entry) return withOverrides(bundledProfile(entry.preset, document.where(`${at}/preset`)), entry, document, at);
  if ('profile' in entry) {
    const file = path.resolve(path.dirname(document.file), entry.profile);
    return withOverrides(loadProfileFile(file, name), entry, document, at);
  }
  return resolveProfile(name, entry, document, at);
}

/** A profile in a file of its own (a bundled `specs/*.profile.yaml` or a user's), under `name` (default: its own). */
export function loadProfileFile(file: string, name?: string): ProviderProfile {
  const document = readSourceDocument(file, 'provider profile');
  checkAgainstSchema(document, 'profile');
  const raw = document.value as RawProfile & { name: string };
  return resolveProfile(name ?? raw.name, raw, document, '');
}

const bundled = new Map<string, ProviderProfile>();

/** A bundled provider's profile, read once per process. */
export function bundledProfile(name: string, where?: string): ProviderProfile {
  const cached = bundled.get(name);
  if (cached) return cached;
  if (!presetNames().includes(name)) {
    throw new RunwardenError('PROVIDER_UNKNOWN', `${where ? `${where}: ` : ''}no bundled provider "${name}"\nBundled: ${presetNames().join(', ')}`,
      'Write the profile inline or in a file of its own (docs/config.md), or use one of the bundled names.');
  }
  const profile = loadProfileFile(path.join(PRESETS_DIR, `${name}.profile.yaml`));
  bundled.set(name, profile);
  return profile;
}

/** The bundled providers' names. */
export function presetNames(): string[] {
  return readdirSync(PRESETS_DIR).filter((file) => file.endsWith('.profile.yaml')).map((file) => file.slice(0, -'.profile.yaml'.length)).sort();
}

function withOverrides(profile: ProviderProfile, overrides: Overrides & { preset?: string; profile?: string }, document: SourceDocument, at: string): ProviderProfile {
  const name = at.split('/').pop()!;
  const baseUrl = overrides.baseUrl?.replace(/\/+$/, '');
  return {
    ...profile,
    name,
    ...(baseUrl === undefined ? {} : { baseUrl, basePath: new URL(baseUrl).pathname.replace(/\/+$/, '') }),
    ...(overrides.auth ? { auth: overrides.auth } : {}),
    ...(overrides.providerStates ? { providerStates: { url: overrides.providerStates.url, headers: overrides.providerStates.headers ?? {}, teardown: overrides.providerStates.teardown ?? true } } : {}),
    source: document.where(at),
  };
}

function looksLikePath(entry: string): boolean {
  return entry.includes('/') || /\.(ya?ml|json|[cm]?[jt]s)$/i.test(entry);
}
