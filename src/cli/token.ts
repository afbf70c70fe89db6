import { localKeyId, localKeyOf, signLocalToken } from '../auth/local-signing-key';
import { loadConfig } from '../config/config';

const USAGE = 'usage: npm run --silent token -- <subject> [--ttl <hours>]';
const DEFAULT_TTL_SECONDS = 12 * 3600;

/** "1 hour", "1.5 hours", "24 hours". */
const hours = (seconds: number): string => `${Number((seconds / 3600).toFixed(2))} ${seconds === 3600 ? 'hour' : 'hours'}`;

/**
 * `npm run token -- <subject>`: prints a bearer token signed with the local-mode key, valid for 12
 * hours or for `--ttl` hours, and never longer than the service accepts (AUTH_MAX_TOKEN_LIFETIME_SECONDS).
 * Stdout is the token alone (`TOKEN=$(npm run --silent token -- <subject>)`); stderr says which key
 * signed it and from which data folder, since a server with another DATA_DIR refuses it.
 */
async function run(argv: string[]): Promise<void> {
  const args = [...argv];
  const config = loadConfig();
  const cap = config.auth.maxTokenLifetimeSeconds;
  let ttlSeconds = Math.min(DEFAULT_TTL_SECONDS, cap);
  const ttlAt = args.indexOf('--ttl');
  if (ttlAt >= 0) {
    const ttlHours = Number(args[ttlAt + 1]);
    args.splice(ttlAt, 2);
    ttlSeconds = Math.round(ttlHours * 3600);
    if (!Number.isFinite(ttlHours) || ttlSeconds <= 0 || ttlSeconds > cap) {
      throw new Error(`--ttl takes hours, up to ${hours(cap)} (AUTH_MAX_TOKEN_LIFETIME_SECONDS). ${USAGE}`);
    }
  }
  const subject = args[0];
  if (!subject || args.length !== 1) throw new Error(USAGE);
  if (config.auth.mode !== 'local') {
    throw new Error('Tokens are issued by your identity provider (AUTH_JWKS_URL / AUTH_JWKS_PATH is set); this command works in local mode only.');
  }
  const { key, made } = await localKeyOf(config.auth.keyPath);
  const token = await signLocalToken(key, {
    subject,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    ttlSeconds,
  });
  const kid = await localKeyId(key);
  process.stderr.write(
    made
      ? `No local signing key was in data folder ${config.dataDir} (DATA_DIR): made a new one, key id ${kid}, and signed with it. A server started with another DATA_DIR refuses this token.\n`
      : `Signed with local key id ${kid} of data folder ${config.dataDir} (DATA_DIR); a server accepts the token when it runs with the same DATA_DIR.\n`,
  );
  process.stdout.write(`${token}\n`);
}

run(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
