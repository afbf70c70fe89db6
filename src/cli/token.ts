import { signLocalToken, loadOrCreateLocalKey } from '../auth/local-signing-key';
import { loadConfig } from '../config/config';

const USAGE = 'usage: npm run --silent token -- <subject> [--ttl <hours>]';

/** `npm run token -- <subject>`: prints a bearer token signed with the local-mode key. */
async function run(argv: string[]): Promise<void> {
  const args = [...argv];
  let ttlHours = 12;
  const ttlAt = args.indexOf('--ttl');
  if (ttlAt >= 0) {
    ttlHours = Number(args[ttlAt + 1]);
    args.splice(ttlAt, 2);
    if (!Number.isFinite(ttlHours) || ttlHours <= 0 || ttlHours > 24 * 30) throw new Error(`--ttl takes hours (up to 720). ${USAGE}`);
  }
  const subject = args[0];
  if (!subject || args.length !== 1) throw new Error(USAGE);
  const config = loadConfig();
  if (config.auth.mode !== 'local') {
    throw new Error('Tokens are issued by your identity provider (AUTH_JWKS_URL / AUTH_JWKS_PATH is set); this command works in local mode only.');
  }
  const key = await loadOrCreateLocalKey(config.auth.keyPath);
  const token = await signLocalToken(key, {
    subject,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    ttlSeconds: Math.round(ttlHours * 3600),
  });
  process.stdout.write(`${token}\n`);
}

run(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
