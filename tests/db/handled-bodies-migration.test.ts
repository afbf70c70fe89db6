import { loadDemoData } from '../../src/demo/demo-data';
import { openOrm, type Orm } from '../../src/db/orm';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { aTestDatabase } from '../support/test-app';

/**
 * The bodies that handled each proposal, kept beside the history (`proposal_handled_body`): built
 * by the migration from a history already written, then kept by the history's own insert trigger
 * whoever appends — here plain SQL, many events in one statement, as a bulk load does. At every
 * point it holds exactly one row per proposal and body of its events, with that body's first event.
 */

const BEFORE = 'Migration20261203120000_meeting_record_rules';
const DERIVED = `select area_id, proposal_id, body_id, min(seq)::int as first_seq from workflow_event where body_id is not null
                  group by area_id, proposal_id, body_id order by area_id, proposal_id, body_id`;
const KEPT = 'select area_id, proposal_id, body_id, first_seq from proposal_handled_body order by area_id, proposal_id, body_id';

let database: Awaited<ReturnType<typeof aTestDatabase>>;
let orm: Orm;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> => orm.em.fork().getConnection().execute<T[]>(query, params);

beforeAll(async () => {
  database = await aTestDatabase({ migrated: false });
  orm = await openOrm(database.url, 2);
  await orm.getMigrator().up({ to: BEFORE });
  // Histories written before the table existed: the demo data's proposals, through the pipeline.
  await loadDemoData(orm.em.fork(), shippedWorkflows());
});

afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

test('the migration builds the table from the histories already written', async () => {
  const events = await sql<{ n: number }>('select count(*)::int as n from workflow_event where body_id is not null');
  expect(events[0].n).toBeGreaterThan(0);
  await orm.getMigrator().up();
  const kept = await sql(KEPT);
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual(await sql(DERIVED));
});

test('events appended many in one statement add the bodies new to each proposal, once each, and nothing for an event without a body', async () => {
  const [p] = await sql<{ area_id: string; proposal_id: string; last: number }>(
    `select area_id, proposal_id, max(seq) as last from workflow_event group by area_id, proposal_id having count(distinct body_id) >= 1 order by proposal_id limit 1`,
  );
  const [newBody] = await sql<{ id: string }>(
    `select id from body b where b.area_id = ? and not exists (select 1 from workflow_event e where e.proposal_id = ? and e.body_id = b.id) order by id limit 1`,
    [p.area_id, p.proposal_id],
  );
  const [oldBody] = await sql<{ body_id: string; first_seq: number }>('select body_id, first_seq from proposal_handled_body where proposal_id = ? order by first_seq limit 1', [p.proposal_id]);
  const before = await sql(KEPT);
  // Three events in one statement: the new body twice, a body that handled the proposal before, and none.
  await sql(
    `insert into workflow_event (area_id, proposal_id, seq, event, from_state, to_state, actor_id, actor_role, body_id, occurred_at, prev_hash, hash)
     select e.area_id, e.proposal_id, e.seq + n, 'RETURN', e.to_state, e.to_state, e.actor_id, e.actor_role, (array[?, ?, ?, null]::uuid[])[n], now(), null, 'x'
       from workflow_event e, generate_series(1, 4) as n where e.proposal_id = ? and e.seq = ?`,
    [newBody.id, oldBody.body_id, newBody.id, p.proposal_id, p.last],
  );
  const after = await sql<{ area_id: string; proposal_id: string; body_id: string; first_seq: number }>(KEPT);
  expect(after).toEqual(await sql(DERIVED));
  expect(after.filter((r) => !before.some((b) => JSON.stringify(b) === JSON.stringify(r)))).toEqual([
    { area_id: p.area_id, proposal_id: p.proposal_id, body_id: newBody.id, first_seq: p.last + 1 },
  ]);
  expect(after.find((r) => r.proposal_id === p.proposal_id && r.body_id === oldBody.body_id)?.first_seq).toBe(oldBody.first_seq);
});

test('down drops the table, its trigger and function and leaves the history; up builds the same rows again', async () => {
  const kept = await sql(KEPT);
  const events = await sql('select count(*)::int as n from workflow_event');
  await orm.getMigrator().down();
  expect(await sql(`select to_regclass('proposal_handled_body') as t, to_regproc('proposal_handled_body_record') as f`)).toEqual([{ t: null, f: null }]);
  expect(await sql(`select tgname from pg_trigger where tgrelid = 'workflow_event'::regclass and not tgisinternal order by tgname`)).toEqual([
    { tgname: 'workflow_event_no_truncate' },
    { tgname: 'workflow_event_no_update' },
  ]);
  expect(await sql('select count(*)::int as n from workflow_event')).toEqual(events);
  await orm.getMigrator().up();
  expect(await sql(KEPT)).toEqual(kept);
});
