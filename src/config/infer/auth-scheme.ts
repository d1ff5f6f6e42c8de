import type { AuthScheme } from '../../core/profile/index.ts';
import type { LoadedSpec, Operation } from '../../spec/index.ts';
import type { Confidence } from './profile-draft.ts';

/** The auth a profile writes, and why. */
export interface AuthGuess {
  auth: AuthScheme;
  confidence: Confidence;
  reason: string;
  check?: string;
}

interface SecurityScheme {
  type?: string;
  scheme?: string;
  in?: string;
  name?: string;
}

/**
 * The create operation's security requirement (its own, else the document's) as a profile's `auth`, with the
 * secret read from `tokenEnv`. Schemes a profile cannot express are mapped to the nearest it can, and said so.
 */
export function inferAuth(spec: LoadedSpec, create: Operation, tokenEnv: string): AuthGuess {
  const requirement = create.security.find((entry) => Object.keys(entry).length > 0);
  if (create.security.length === 0 || requirement === undefined) {
    return { auth: { type: 'none' }, confidence: 'high', reason: 'the spec declares no security for the create operation' };
  }
  const names = Object.keys(requirement);
  const schemes = ((spec.document as { components?: { securitySchemes?: Record<string, SecurityScheme> } }).components?.securitySchemes) ?? {};
  const name = names[0]!;
  const scheme = schemes[name];
  const alternatives = create.security.length > 1 || names.length > 1 ? ` (the first of ${create.security.length > 1 ? 'its alternatives' : 'the schemes it requires together'})` : '';
  if (!scheme) return { auth: { type: 'bearer', tokenEnv }, confidence: 'low', reason: `security names "${name}", which components.securitySchemes does not define`, check: 'set auth by hand (docs/config.md)' };
  const where = `the security scheme ${name}${alternatives}`;
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') return { auth: { type: 'bearer', tokenEnv }, confidence: 'high', reason: `${where}: HTTP bearer` };
  if (scheme.type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'query') && scheme.name) {
    return { auth: { type: scheme.in, name: scheme.name, tokenEnv }, confidence: 'high', reason: `${where}: an API key in the ${scheme.in} ${scheme.name}` };
  }
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') {
    return { auth: { type: 'bearer', tokenEnv }, confidence: 'medium', reason: `${where}: ${scheme.type}, sent as a bearer token`, check: `put an access token in ${tokenEnv}: runwarden does not run the OAuth flow` };
  }
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic') {
    return {
      auth: { type: 'header', name: 'Authorization', tokenEnv }, confidence: 'medium', reason: `${where}: HTTP basic, sent as an Authorization header`,
      check: `put the whole header value in ${tokenEnv}: "Basic " and base64 of user:password`,
    };
  }
  return { auth: { type: 'bearer', tokenEnv }, confidence: 'low', reason: `${where} (${scheme.type}${scheme.in ? ` in ${scheme.in}` : ''}) has no profile equivalent`, check: 'set auth by hand (docs/config.md)' };
}
