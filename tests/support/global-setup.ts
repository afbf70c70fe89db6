import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { exportJWK, generateKeyPair } from 'jose';
import { Client } from 'pg';
import { startEmbeddedDatabase, withDatabase, type EmbeddedDatabase } from '../../src/db/embedded-database';
import { migrate, openOrm } from '../../src/db/orm';

declare global {
  // Shared between global setup and teardown, which run in the same context.
  var __triadaTestServer: { embedded?: EmbeddedDatabase; adminUrl: string; template: string; workDir: string } | undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the test PostgreSQL (the server at DATABASE_URL, or an embedded one in a temporary
 * folder), builds a template database from the migrations, and makes the signing keys that test
 * tokens use. Each test file then clones the template into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  // Mutation testing runs Jest again and again in one process (scripts/mutation.mjs): the template
  // and the keys of the first run serve every later one.
  if (process.env.TRIADA_TEST_REUSE_TEMPLATE && globalThis.__triadaTestServer) return;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-test-'));
  fs.chmodSync(workDir, 0o755);
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    embedded = await startEmbeddedDatabase({ dataDir: workDir, port: await freePort() });
    adminUrl = embedded.adminUrl;
  }

  const template = `triada_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  await admin.end();
  const orm = await openOrm(withDatabase(adminUrl, template), 2);
  await migrate(orm);
  await orm.close(true);

  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'ES256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const jwksPath = path.join(workDir, 'jwks.json');
  fs.writeFileSync(jwksPath, JSON.stringify({ keys: [publicJwk] }));

  process.env.TRIADA_TEST_ADMIN_URL = adminUrl;
  process.env.TRIADA_TEST_TEMPLATE = template;
  process.env.TRIADA_TEST_JWKS_PATH = jwksPath;
  process.env.TRIADA_TEST_PRIVATE_JWK = JSON.stringify(privateJwk);
  process.env.TRIADA_TEST_WORK_DIR = workDir;
  globalThis.__triadaTestServer = { embedded, adminUrl, template, workDir };
}
