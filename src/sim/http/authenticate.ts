import type { IncomingMessage } from 'node:http';
import type { AuthScheme } from '../../core/profile/index.ts';

/** How a request's credentials compare with the simulator's token. */
export type AuthOutcome = 'ok' | 'missing' | 'wrong';

/** Checks a request's credentials; `authorization` is the header already scanned from the raw headers. */
export type AuthCheck = (authorization: string | undefined, req: IncomingMessage, search: string) => AuthOutcome;

/**
 * `Authorization: Bearer <token>` with the scheme matched case-insensitively and one or more spaces before the
 * token (RFC 7235 §2.1, RFC 6750 §2.1); the token itself is compared exactly.
 */
export function bearerMatches(authorization: string | undefined, token: string): AuthOutcome {
  if (authorization === undefined) return 'missing';
  if (authorization.length === token.length + 7 && authorization.endsWith(token) && authorization.startsWith('Bearer ')) return 'ok';
  const match = /^bearer +(.*)$/i.exec(authorization);
  return match !== null && match[1] === token ? 'ok' : 'wrong';
}

/** The credential check a profile's auth scheme calls for, against the simulator's one token. */
export function authCheckFor(auth: AuthScheme, token: string): AuthCheck {
  switch (auth.type) {
    case 'none': return () => 'ok';
    case 'bearer': return (authorization) => bearerMatches(authorization, token);
    case 'header': {
      const name = auth.name.toLowerCase();
      return (_authorization, req) => {
        const value = req.headers[name];
        if (value === undefined) return 'missing';
        return value === token ? 'ok' : 'wrong';
      };
    }
    case 'query': return (_authorization, _req, search) => {
      const value = new URLSearchParams(search).get(auth.name);
      if (value === null) return 'missing';
      return value === token ? 'ok' : 'wrong';
    };
  }
}
