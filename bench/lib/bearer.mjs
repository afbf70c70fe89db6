// Bearer tokens verified as the service verifies them (src/auth/token-verifier.ts), with nothing but
// node:crypto, for the benchmark's fair baselines (the limit on Node 20, PostGraphile on Node 22):
// an ES256 signature by a key of the JWKS file, the issuer, the audience, a required `sub` and
// `exp` (30 s of clock tolerance, also for `nbf`), a lifetime within the cap (24 h, the service's
// default AUTH_MAX_TOKEN_LIFETIME_SECONDS) and a subject a person could have typed.
import crypto from 'node:crypto';
import fs from 'node:fs';

const BEARER = /^Bearer ([A-Za-z0-9\-_]+)\.([A-Za-z0-9\-_]*)\.([A-Za-z0-9\-_]*)$/i;
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_LIFETIME_SECONDS = 24 * 3600;
// Controls (Cc) and, matched one code point at a time, lone surrogates: what the service refuses in a subject.
const UNUSABLE_SUBJECT = /[\p{Cc}\uD800-\uDFFF]/u;

/** A verifier of `Authorization` headers against the JWKS file: `subjectOf(header)` is the subject, or null for a refused token. */
export function bearerVerifier({ jwksPath, issuer, audience }) {
  const jwks = JSON.parse(fs.readFileSync(jwksPath, 'utf8'));
  const keys = new Map(jwks.keys.filter((k) => k.use === undefined || k.use === 'sig').map((k) => [k.kid, crypto.createPublicKey({ key: k, format: 'jwk' })]));
  const json = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  return {
    subjectOf(header) {
      const m = BEARER.exec(header ?? '');
      if (!m) return null;
      try {
        const head = json(m[1]);
        const key = keys.get(head.kid);
        if (head.alg !== 'ES256' || !key) return null;
        if (!crypto.verify('sha256', Buffer.from(`${m[1]}.${m[2]}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(m[3], 'base64url'))) return null;
        const claims = json(m[2]);
        const now = Math.floor(Date.now() / 1000);
        const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
        if (claims.iss !== issuer || !audiences.includes(audience)) return null;
        if (typeof claims.exp !== 'number' || claims.exp <= now - CLOCK_TOLERANCE_SECONDS) return null;
        if (typeof claims.nbf === 'number' && claims.nbf > now + CLOCK_TOLERANCE_SECONDS) return null;
        if (claims.exp - now > MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS || (typeof claims.iat === 'number' && claims.exp - claims.iat > MAX_LIFETIME_SECONDS)) return null;
        const sub = claims.sub;
        if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255 || UNUSABLE_SUBJECT.test(sub)) return null;
        return sub;
      } catch {
        return null;
      }
    },
  };
}
