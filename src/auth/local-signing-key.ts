import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';

const ALG = 'ES256';

/**
 * The id of a key: the RFC 7638 thumbprint of its public half, so that one key always has the same
 * id, whoever computes it and whatever the file says.
 */
export async function localKeyId(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint(publicJwk(jwk));
}

/** A key file as written, its `kid` the key's own id (a file written without one gets it here). */
async function readKey(keyPath: string): Promise<JWK> {
  const jwk = JSON.parse(fs.readFileSync(keyPath, 'utf8')) as JWK;
  return { ...jwk, kid: await localKeyId(jwk) };
}

/**
 * The signing key of local mode (no identity provider configured): made once in the data folder,
 * readable by the owner only, so that tokens stay valid across restarts. Its `kid` is its
 * thumbprint (localKeyId).
 */
export async function loadOrCreateLocalKey(keyPath: string): Promise<JWK> {
  return (await localKeyOf(keyPath)).key;
}

/** The local signing key, and whether this call made it (no key was in the data folder). */
export async function localKeyOf(keyPath: string): Promise<{ key: JWK; made: boolean }> {
  if (fs.existsSync(keyPath)) return { key: await readKey(keyPath), made: false };
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.alg = ALG;
  jwk.kid = await localKeyId(jwk);
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
    return { key: await readKey(keyPath), made: false };
  } finally {
    fs.rmSync(draft, { force: true });
  }
  return { key: jwk, made: true };
}

/** The public half of a private JWK. */
export function publicJwk(privateJwk: JWK): JWK {
  const { d: _d, ...pub } = privateJwk;
  return pub;
}

export async function importPublicKey(privateJwk: JWK): Promise<KeyLike | Uint8Array> {
  return importJWK(publicJwk(privateJwk), ALG);
}

/** Signs a token for `subject` with the local key; its header names the key (`kid`: localKeyId). */
export async function signLocalToken(
  privateJwk: JWK,
  options: { subject: string; issuer: string; audience: string; ttlSeconds: number },
): Promise<string> {
  const key = await importJWK(privateJwk, ALG);
  // One clock reading for both claims, so that `exp − iat` is exactly the lifetime asked for.
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: ALG, kid: await localKeyId(privateJwk), typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttlSeconds)
    .sign(key);
}
