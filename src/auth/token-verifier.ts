import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { AuthConfig } from '../config/config';
import { isCleanText } from '../security/input-hygiene';
import { importPublicKey, loadOrCreateLocalKey } from './local-signing-key';

/** Why a token was refused; the text goes to the client, so it says nothing about keys. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/**
 * A subject is matched to `Person.subject` and written to logs: it must be text a person could have
 * typed, with no control character at all (U+0000 cannot even be stored in PostgreSQL text).
 */
function isUsableSubject(sub: unknown): sub is string {
  return typeof sub === 'string' && sub.length > 0 && sub.length <= 255 && !/\p{Cc}/u.test(sub) && isCleanText(sub);
}

/** How far the identity provider's clock may be from ours. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenVerifier {
  /** Returns the token's subject, or throws InvalidTokenError. */
  verify(token: string): Promise<string>;
}

/**
 * Verifies bearer JWTs: signature against the configured keys, issuer, audience, expiry, a lifetime
 * within the cap, and only the pinned algorithms (so `alg: none` and HMAC tricks with a public key
 * are refused).
 */
export async function createTokenVerifier(auth: AuthConfig): Promise<TokenVerifier> {
  let key: JWTVerifyGetKey | KeyLike | Uint8Array;
  switch (auth.mode) {
    case 'jwks-url':
      key = createRemoteJWKSet(new URL(auth.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
      break;
    case 'jwks-path':
      key = createLocalJWKSet(JSON.parse(fs.readFileSync(auth.jwksPath, 'utf8')) as JSONWebKeySet);
      break;
    case 'local':
      key = await importPublicKey(await loadOrCreateLocalKey(auth.keyPath));
      break;
  }
  return {
    async verify(token: string): Promise<string> {
      try {
        const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
          issuer: auth.issuer,
          audience: auth.audience,
          algorithms: auth.algorithms,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        if (!isUsableSubject(payload.sub)) {
          throw new InvalidTokenError('token has no usable subject');
        }
        // `exp` is required above. Whatever its `iat` says, an accepted token is never valid for
        // longer than the cap from now on, and one that states `iat` never lived longer in all.
        const exp = payload.exp as number;
        const remaining = exp - Math.floor(Date.now() / 1000);
        if (remaining > auth.maxTokenLifetimeSeconds + CLOCK_TOLERANCE_SECONDS || (payload.iat !== undefined && exp - payload.iat > auth.maxTokenLifetimeSeconds)) {
          throw new InvalidTokenError('token lifetime too long');
        }
        return payload.sub;
      } catch (err) {
        if (err instanceof InvalidTokenError) throw err;
        const code = (err as { code?: string }).code ?? '';
        throw new InvalidTokenError(code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'token invalid');
      }
    },
  };
}
