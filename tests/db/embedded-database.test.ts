import { Client } from 'pg';
import { startOwnPostgres } from '../support/own-postgres';

/**
 * The embedded PostgreSQL where a fresh clone puts it. As root it runs as the system user
 * `postgres`, who cannot enter a folder only its owner may (a clone under /root).
 */

test('a data folder inside a folder only its owner may enter: the embedded PostgreSQL initialises, starts, migrates and serves', async () => {
  const pg = await startOwnPostgres({ ownerOnly: true });
  try {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migrations: number }>('select count(*)::int as migrations from mikro_orm_migrations');
      expect(rows[0].migrations).toBeGreaterThan(10);
      // As root the binaries and the cluster were moved where the server's user reaches them; otherwise nothing moved.
      const root = process.getuid?.() === 0;
      expect(pg.moved().map((entry) => entry.replace(/-[0-9a-f]{16}$/, ''))).toEqual(root ? ['data', 'postgres'] : []);
    } finally {
      await client.end();
    }
  } finally {
    await pg.destroy();
  }
});
