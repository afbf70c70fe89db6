import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { AuthConfig } from '../config/config';
import { isCleanText } from '../security/input-hygiene';
import { importPublicKey, loadOrCreateLocalKey, localKeyId } from './local-signing-key';

/** Why a token was refused (the message is the reason, e.g. "token expired"); the client is told the reason's text. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** Who publishes the keys this service trusts: its own local signing key, or an identity provider (JWKS). */
export type KeySource = 'local' | 'identity-provider';

/**
 * A token whose signature did not verify and whose key id (`kid`, or its absence) names no key this
 * service trusts: typically a token made with another DATA_DIR's local key, or with a key the identity
 * provider no longer publishes. Key ids are public (a JWKS publishes them), so the client is told both.
 */
export class UnknownSigningKeyError extends InvalidTokenError {
  constructor(
    /** The token's `kid`; null when it names none. */
    readonly tokenKeyId: string | null,
    /** The ids of the keys this service trusts. */
    readonly expectedKeyIds: string[],
    readonly keySource: KeySource,
  ) {
    super('unknown signing key');
  }
}

/** The failures of jose that mean "no trusted key verifies this signature" (rather than a bad claim or a forbidden algorithm). */
const SIGNATURE_NOT_VERIFIED = new Set(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JWKS_NO_MATCHING_KEY']);

/** A key id short and plain enough to be repeated to the client and the log; any other is not echoed. */
const ECHOABLE_KEY_ID = /^[\x21-\x7e]{1,128}$/;

/** The `kid` a token's header names: undefined for none, null for a header that cannot be read or a kid not to echo. */
function keyIdOfToken(token: string): string | undefined | null {
  try {
    const { kid } = decodeProtectedHeader(token);
    if (kid === undefined) return undefined;
    return typeof kid === 'string' && ECHOABLE_KEY_ID.test(kid) ? kid : null;
  } catch {
    return null;
  }
}

/** The key ids of a key set that may verify signatures (a key without `kid` as undefined). */
function keyIdsOf(jwks: JSONWebKeySet | undefined): Array<string | undefined> | undefined {
  return jwks?.keys.filter((k) => k.use === undefined || k.use === 'sig').map((k) => k.kid);
}

/**
 * A subject is matched to `Person.subject` and written to logs: it must be text a person could have
 * typed, with no control character at all (U+0000 cannot even be stored in PostgreSQL text).
 */
function isUsableSubject(sub: unknown): sub is string {
  return typeof sub === 'string' && sub.length > 0 && sub.length <= 255 && !/\p{Cc}/u.test(sub) && isCleanText(sub);
}

/** A bearer credential as an Authorization header or a connection parameter carries it (the scheme name is case-insensitive, RFC 9110 §11.1). */
export const BEARER = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*\.[A-Za-z0-9\-_]*)$/i;

/** How far the identity provider's clock may be from ours. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** What a verified token says: whose it is and until when it holds. */
export interface VerifiedToken {
  subject: string;
  expiresAt: Date;
}

export interface TokenVerifier {
  /** Returns the token's subject, or throws InvalidTokenError. */
  verify(token: string): Promise<string>;
  /** Returns the token's subject and expiry (a live connection ends then), or throws InvalidTokenError. */
  verifyToken(token: string): Promise<VerifiedToken>;
}

/**
 * Verifies bearer JWTs: signature against the configured keys, issuer, audience, expiry, a lifetime
 * within the cap, and only the pinned algorithms (so `alg: none` and HMAC tricks with a public key
 * are refused).
 */
export async function createTokenVerifier(auth: AuthConfig): Promise<TokenVerifier> {
  let key: JWTVerifyGetKey | KeyLike | Uint8Array;
  /** The ids of the keys trusted now (undefined: not known, e.g. a provider's set not fetched yet). */
  let trustedKeyIds: () => Array<string | undefined> | undefined;
  switch (auth.mode) {
    case 'jwks-url': {
      const remote = createRemoteJWKSet(new URL(auth.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
      key = remote;
      trustedKeyIds = () => keyIdsOf(remote.jwks());
      break;
    }
    case 'jwks-path': {
      const jwks = JSON.parse(fs.readFileSync(auth.jwksPath, 'utf8')) as JSONWebKeySet;
      key = createLocalJWKSet(jwks);
      trustedKeyIds = () => keyIdsOf(jwks);
      break;
    }
    case 'local': {
      const localKey = await loadOrCreateLocalKey(auth.keyPath);
      const kid = await localKeyId(localKey);
      key = await importPublicKey(localKey);
      trustedKeyIds = () => [kid];
      break;
    }
  }
  const keySource: KeySource = auth.mode === 'local' ? 'local' : 'identity-provider';

  /**
   * Called only once verification failed: when the signature verified against no trusted key and the
   * token's key id is none of theirs, says which key it names and which are trusted. A token naming a
   * trusted key is never told more than "invalid", whatever failed.
   */
  function unknownSigningKey(token: string, code: string): UnknownSigningKeyError | undefined {
    if (!SIGNATURE_NOT_VERIFIED.has(code)) return undefined;
    const kid = keyIdOfToken(token);
    const trusted = trustedKeyIds();
    if (kid === null || trusted === undefined || trusted.includes(kid)) return undefined;
    const expected = [...new Set(trusted.filter((id): id is string => id !== undefined))];
    return new UnknownSigningKeyError(kid ?? null, expected, keySource);
  }
  const verifier: TokenVerifier = {
    async verify(token: string): Promise<string> {
      return (await verifier.verifyToken(token)).subject;
    },
    async verifyToken(token: string): Promise<VerifiedToken> {
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
        return { subject: payload.sub, expiresAt: new Date(exp * 1000) };
      } catch (err) {
        if (err instanceof InvalidTokenError) throw err;
        const code = (err as { code?: string }).code ?? '';
        throw unknownSigningKey(token, code) ?? new InvalidTokenError(code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'token invalid');
      }
    },
  };
  return verifier;
}
