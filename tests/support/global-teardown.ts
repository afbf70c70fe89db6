import fs from 'node:fs';
import { Client } from 'pg';

/** Drops the template and any test database left behind, then stops the embedded server. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__triadaTestServer;
  if (!state) return;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  const prefix = state.template.replace('triada_tpl_', 'triada_t_');
  // Kept for the next run when reused (see global-setup.ts): only the test files' databases go.
  const reuse = process.env.TRIADA_TEST_REUSE_TEMPLATE !== undefined;
  const { rows } = await admin.query<{ datname: string }>(
    'select datname from pg_database where datname = $1 or datname like $2',
    [reuse ? '' : state.template, `${prefix}%`],
  );
  for (const { datname } of rows) {
    await admin.query(`drop database if exists ${admin.escapeIdentifier(datname)} with (force)`);
  }
  await admin.end();
  if (reuse) return;
  await state.embedded?.stop();
  fs.rmSync(state.workDir, { recursive: true, force: true });
}
