import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';

const ALG = 'ES256';

/**
 * The signing key of local mode (no identity provider configured): made once in the data folder,
 * readable by the owner only, so that tokens stay valid across restarts.
 */
export async function loadOrCreateLocalKey(keyPath: string): Promise<JWK> {
  if (fs.existsSync(keyPath)) {
    return JSON.parse(fs.readFileSync(keyPath, 'utf8')) as JWK;
  }
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.alg = ALG;
  jwk.kid = await calculateJwkThumbprint(jwk);
  fs.mkdirSync(path.dirname(keyPath), { recursive: true, mode: 0o700 });
  // Written whole under a name of its own, then linked into place: `link` never replaces a key
  // another process made meanwhile, and nobody ever reads a half-written one. The loser reads and
  // uses the winner's key.
  const draft = `${keyPath}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(draft, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(draft, keyPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return JSON.parse(fs.readFileSync(keyPath, 'utf8')) as JWK;
  } finally {
    fs.rmSync(draft, { force: true });
  }
  return jwk;
}

/** The public half of a private JWK. */
export function publicJwk(privateJwk: JWK): JWK {
  const { d: _d, ...pub } = privateJwk;
  return pub;
}

export async function importPublicKey(privateJwk: JWK): Promise<KeyLike | Uint8Array> {
  return importJWK(publicJwk(privateJwk), ALG);
}

/** Signs a token for `subject` with the local key. */
export async function signLocalToken(
  privateJwk: JWK,
  options: { subject: string; issuer: string; audience: string; ttlSeconds: number },
): Promise<string> {
  const key = await importJWK(privateJwk, ALG);
  // One clock reading for both claims, so that `exp − iat` is exactly the lifetime asked for.
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: ALG, kid: privateJwk.kid, typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttlSeconds)
    .sign(key);
}
