// `npm run bench:data`: a deterministic (seeded) benchmark dataset, loaded with bulk SQL
// (multi-row INSERT … SELECT FROM unnest(...), 10,000 rows a statement) into DATABASE_URL, or,
// when unset, into a fresh database of the bench's embedded PostgreSQL. The service's own
// migrations run first; history hashes come from the service's own eventHash, and proposal
// snapshots from its compiled workflow machines, so DETAIL, verifyHistory and transitions work.
// The bodies that handled each proposal (`proposal_handled_body`) are written by the history's own
// insert trigger as the events load, as they are when the service appends them.
//
// 5 areas × (25 municipalities, 12 bodies = 8 working groups + steering group + social commission
// + council + assembly, 400 people on all triad sides, 10,000 proposals, 1,000 meetings with 10
// agenda items each); 10 history events per proposal on average (500,000 in all).
//
// `node bench/data.mjs --dry-run` checks the settings (BENCH_SEED, BENCH_PG_PORT) and prints what
// would be generated and where, then exits without building, starting or loading anything.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DB, BENCH_PG_PORT, DATA_DIR, dist, log, numberSetting, openBenchDatabase, prng, requireRoot, startOrDryRun, withClient } from './lib/common.mjs';

const AREAS = 5;
const MUNICIPALITIES = 25;
const PEOPLE = 400;
const WORKING_GROUPS = 8;
const WG_SEATS = 30;
const PROPOSALS = 10_000;
const EVENTS_PER_PROPOSAL = 10;
const MEETINGS = 1_000;
const AGENDA_ITEMS = 10;
const SEED = numberSetting('BENCH_SEED', 20261125, { integer: true });

const SIDES = ['COMMISSIONER', 'PROVIDER', 'SERVICE_USER', 'PUBLIC'];
const TARGET_GROUPS = ['SENIORS', 'PEOPLE_WITH_DISABILITIES', 'CHILDREN_YOUTH_FAMILY', 'SOCIAL_EXCLUSION', 'ADDICTIONS', 'ETHNIC_MINORITIES', 'ALL', 'SENIORS'];
const KINDS = ['MEASURE', 'PROJECT_INTENT', 'MATERIAL'];
/** Target states and their share of proposals. */
const STATE_WEIGHTS = [
  ['DRAFT', 10], ['WORKING_GROUP', 20], ['STEERING_GROUP', 10], ['SOCIAL_COMMISSION', 8], ['COUNCIL', 8],
  ['ASSEMBLY', 4], ['APPROVED', 25], ['REJECTED', 8], ['WITHDRAWN', 7],
];
const STAGE_BODY = { WORKING_GROUP: 'WG', STEERING_GROUP: 'SG', SOCIAL_COMMISSION: 'SC', COUNCIL: 'COUNCIL', ASSEMBLY: 'ASSEMBLY' };
const DAY = 86_400_000;
/** Provider organisations per area that people, seats and proposals refer to. */
const ORGANISATIONS = 37;

/** A UUID derived from `key`, so that adding organisations leaves the seeded stream (every other id) as it was. */
function derivedUuid(key) {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const BASE = Date.UTC(2023, 0, 2, 8, 0, 0);

startOrDryRun(() => [
  `bench:data: seed ${SEED}; ${AREAS} areas × (${MUNICIPALITIES} municipalities, ${WORKING_GROUPS + 4} bodies, ${PEOPLE} people, ` +
    `${PROPOSALS.toLocaleString('en')} proposals with about ${EVENTS_PER_PROPOSAL} history events each, ${MEETINGS.toLocaleString('en')} meetings with ${AGENDA_ITEMS} agenda items each)`,
  process.env.DATABASE_URL
    ? `into DATABASE_URL${process.env.BENCH_RESET === '1' ? ', its public schema dropped first (BENCH_RESET=1)' : ' (refused if it holds a schema: BENCH_RESET=1 drops it)'}`
    : `into a fresh database ${BENCH_DB} of the embedded PostgreSQL in ${DATA_DIR}, port ${BENCH_PG_PORT}`,
]);

requireRoot('reflect-metadata');
const { openOrm, migrate } = dist('src/db/orm.js');
const { eventHash } = dist('src/workflows/history-hash.js');
const { shippedWorkflows } = dist('src/workflows/workflow-registry.js');
const workflows = shippedWorkflows();
const { meetingWorkflow } = dist('src/workflows/meeting.workflow.js');

/** The forward route to a target state (events as [event, from, to]); `loops` RETURN/SUBMIT pairs in the working group. */
function route(target, loops, r) {
  const ev = [];
  const step = (event, from, to) => ev.push([event, from, to]);
  if (target === 'DRAFT') {
    for (let i = 0; i < loops; i++) step('SUBMIT', 'DRAFT', 'WORKING_GROUP'), step('RETURN', 'WORKING_GROUP', 'DRAFT');
    return ev;
  }
  step('SUBMIT', 'DRAFT', 'WORKING_GROUP');
  for (let i = 0; i < loops; i++) step('RETURN', 'WORKING_GROUP', 'DRAFT'), step('SUBMIT', 'DRAFT', 'WORKING_GROUP');
  if (target === 'WORKING_GROUP') return ev;
  if (target === 'WITHDRAWN') return step('WITHDRAW', 'WORKING_GROUP', 'WITHDRAWN'), ev;
  step('RECOMMEND', 'WORKING_GROUP', 'STEERING_GROUP');
  if (target === 'STEERING_GROUP') return ev;
  if (target === 'REJECTED' && r.next() < 0.5) return step('REJECT', 'STEERING_GROUP', 'REJECTED'), ev;
  step('RECOMMEND', 'STEERING_GROUP', 'SOCIAL_COMMISSION');
  if (target === 'SOCIAL_COMMISSION') return ev;
  step(r.next() < 0.8 ? 'RECOMMEND' : 'NOT_RECOMMEND', 'SOCIAL_COMMISSION', 'COUNCIL');
  if (target === 'COUNCIL') return ev;
  if (target === 'REJECTED') return step('REJECT', 'COUNCIL', 'REJECTED'), ev;
  if (target === 'APPROVED' && r.next() < 0.7) return step('APPROVE', 'COUNCIL', 'APPROVED'), ev;
  step('REFER_TO_ASSEMBLY', 'COUNCIL', 'ASSEMBLY');
  if (target === 'ASSEMBLY') return ev;
  step('APPROVE', 'ASSEMBLY', 'APPROVED');
  return ev;
}

function generate() {
  const r = prng(SEED);
  const t = {
    planning_area: [], municipality: [], organisation: [], person: [], area_role: [], body: [], membership: [],
    proposal: [], workflow_event: [], meeting: [], agenda_item: [],
  };
  const snapshots = new Map();
  let eventTotal = 0;
  let proposalIndex = 0;
  for (let a = 0; a < AREAS; a++) {
    const areaId = r.uuid();
    const workflowKey = a === AREAS - 1 ? 'cesky-krumlov' : 'standard';
    const { definition, engine } = workflows.latest(workflowKey);
    const phaseOf = (state) => definition.stages.find((s) => s.key === state).phase;
    const snapshotOf = (state) => {
      const key = `${workflowKey}/${state}`;
      if (!snapshots.has(key)) snapshots.set(key, JSON.stringify(engine.snapshotAt(state)));
      return snapshots.get(key);
    };
    t.planning_area.push([areaId, `Bench oblast ${a + 1}`, 'ORP', workflowKey]);
    for (let m = 0; m < MUNICIPALITIES; m++) t.municipality.push([areaId, r.uuid(), `Obec ${a + 1}-${m + 1}`, 200 + r.int(20_000)]);

    const organisations = Array.from({ length: ORGANISATIONS }, (_, k) => derivedUuid(`${areaId}/organisation/${k}`));
    organisations.forEach((id, k) => t.organisation.push([areaId, id, `Poskytovatel ${a + 1}-${k}`]));
    const people = [];
    for (let i = 0; i < PEOPLE; i++) {
      const id = r.uuid();
      const org = i % 4 === 1 ? organisations[i % ORGANISATIONS] : null;
      people.push(id);
      t.person.push([areaId, id, `Osoba ${a + 1}-${i}`, `osoba${a + 1}.${i}@bench.invalid`, null, org, `bench-a${a}-p${i}`]);
    }
    ['ADMIN', 'COORDINATOR', 'SUPPORT', 'CLERK'].forEach((role, i) => t.area_role.push([areaId, r.uuid(), people[i], role, '2023-01-01']));

    const body = (kind, name, shortName, reportsTo, isPublic, targetGroup = null) => {
      const id = r.uuid();
      t.body.push([areaId, id, kind, name, shortName, targetGroup, reportsTo, isPublic, 7, 14, kind === 'ASSEMBLY' ? 'MAJORITY' : 'NONE']);
      return id;
    };
    const bodies = {};
    bodies.ASSEMBLY = body('ASSEMBLY', `Zastupitelstvo ${a + 1}`, 'ZM', null, true);
    bodies.COUNCIL = body('COUNCIL', `Rada ${a + 1}`, 'RM', bodies.ASSEMBLY, false);
    bodies.SC = body('SOCIAL_COMMISSION', `Sociální komise ${a + 1}`, 'SK', bodies.COUNCIL, false);
    bodies.SG = body('STEERING_GROUP', `Řídící skupina ${a + 1}`, 'ŘS', bodies.SC, false);
    const wgs = [];
    for (let w = 0; w < WORKING_GROUPS; w++) wgs.push(body('WORKING_GROUP', `Pracovní skupina ${a + 1}-${w + 1}`, `PS${w + 1}`, bodies.SG, w % 2 === 0, TARGET_GROUPS[w]));

    const seat = (bodyId, person, role, side, from = '2023-01-01', to = null) => {
      const voting = role !== 'GUEST';
      t.membership.push([areaId, r.uuid(), bodyId, people[person], role, side, voting, from, to, t.person.at(-PEOPLE + person)?.[5] ?? null]);
      return { person, side, role };
    };
    // Working groups: 30 seats on all four sides, the chair a commissioner, two guests, one ended seat.
    const wgSeats = wgs.map((wg, w) => {
      const seats = [];
      for (let j = 0; j < WG_SEATS; j++) {
        const person = 4 + w * 42 + j;
        const role = j === 0 ? 'CHAIR' : j === 1 ? 'DEPUTY' : j >= WG_SEATS - 2 ? 'GUEST' : 'MEMBER';
        const ended = j === WG_SEATS - 3;
        seats.push(seat(wg, person, role, SIDES[j % 4], '2023-01-01', ended ? '2024-06-30' : null));
      }
      return seats;
    });
    const bodySeats = (bodyId, first, count, chair = true) =>
      Array.from({ length: count }, (_, j) => seat(bodyId, first + j, j === 0 && chair ? 'CHAIR' : 'MEMBER', SIDES[j % 4]));
    // The steering group's chair is the first working group's chair (a commissioner).
    const sgSeats = bodySeats(bodies.SG, 4, 1).concat(bodySeats(bodies.SG, 341, 11, false));
    const scSeats = bodySeats(bodies.SC, 352, 9);
    bodySeats(bodies.COUNCIL, 361, 11);
    bodySeats(bodies.ASSEMBLY, 361, 35);
    const chairs = { WG: null, SG: sgSeats[0], SC: scSeats[0] };
    const clerk = 3;

    // Proposals and their hash-chained histories.
    const totalWeight = STATE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
    for (let i = 0; i < PROPOSALS; i++, proposalIndex++) {
      const w = i % WORKING_GROUPS;
      const wgId = wgs[w];
      const voters = wgSeats[w].filter((s) => s.role !== 'GUEST');
      const author = voters[1 + r.int(voters.length - 1)];
      let pick = r.int(totalWeight);
      const [target] = STATE_WEIGHTS.find(([, weight]) => (pick -= weight) < 0);
      const base = route(target, 0, prng(proposalIndex)).length;
      const want = EVENTS_PER_PROPOSAL * (proposalIndex + 1) - eventTotal - base;
      const loops = Math.max(0, Math.min(12, Math.round(want / 2 + (r.next() - 0.5) * 4)));
      const steps = route(target, loops, prng(proposalIndex));
      const id = r.uuid();
      const createdAt = BASE + Math.floor((proposalIndex / (AREAS * PROPOSALS)) * 700 * DAY) + r.int(DAY);
      let at = createdAt;
      let prevHash = null;
      let submittedAt = null;
      let recommendation = null;
      let councilResolution = null;
      let assemblyResolution = null;
      const chainBody = { WG: wgId, SG: bodies.SG, SC: bodies.SC, COUNCIL: bodies.COUNCIL, ASSEMBLY: bodies.ASSEMBLY };
      steps.forEach(([event, from, to], k) => {
        at += 3_600_000 + r.int(5 * DAY);
        const occurredAt = new Date(at);
        const fromBody = STAGE_BODY[from];
        let actor = author;
        let role = 'AUTHOR';
        let side = author.side;
        let reason = null;
        let resolution = null;
        if (event === 'SUBMIT') submittedAt ??= occurredAt;
        if (fromBody === 'WG' && event !== 'WITHDRAW') [actor, role, side] = [wgSeats[w][0], 'CHAIR', wgSeats[w][0].side];
        if (fromBody === 'SG' || fromBody === 'SC') [actor, role, side] = [chairs[fromBody], 'CHAIR', chairs[fromBody].side];
        if (fromBody === 'COUNCIL' || fromBody === 'ASSEMBLY') {
          [actor, role, side] = [{ person: clerk }, 'CLERK', null];
          resolution = `${fromBody === 'COUNCIL' ? 'RM' : 'ZM'}/${new Date(at).getUTCFullYear()}/${proposalIndex}-${k}`;
          if (fromBody === 'COUNCIL') councilResolution = resolution;
          else assemblyResolution = resolution;
        }
        if (['RETURN', 'REJECT', 'NOT_RECOMMEND'].includes(event)) reason = `Důvod ${k + 1}: doplnit podklady.`;
        if (fromBody === 'SC') recommendation = event === 'RECOMMEND' ? 'RECOMMENDED' : 'NOT_RECOMMENDED';
        const hashed = {
          proposalId: id,
          seq: k + 1,
          event,
          fromState: from,
          toState: to,
          actorId: people[actor.person],
          actorRole: role,
          actorTriadSide: side,
          bodyId: fromBody ? chainBody[fromBody] : null,
          meetingId: null,
          reason,
          resolutionNumber: resolution,
          occurredAt,
        };
        const hash = eventHash(prevHash, hashed);
        t.workflow_event.push([
          areaId, id, k + 1, event, from, to, hashed.actorId, role, side, hashed.bodyId, null, reason, resolution,
          occurredAt.toISOString(), prevHash, hash,
        ]);
        prevHash = hash;
      });
      eventTotal += steps.length;
      const state = steps.at(-1)?.[2] ?? 'DRAFT';
      const current = STAGE_BODY[state] ? chainBody[STAGE_BODY[state]] : null;
      t.proposal.push([
        areaId, id, wgId, people[author.person], KINDS[proposalIndex % KINDS.length], `Návrh ${a + 1}-${i + 1}: služba pro skupinu ${w + 1}`,
        `Shrnutí návrhu ${a + 1}-${i + 1}.`, `Text návrhu ${a + 1}-${i + 1}.`, i % 11 === 0 ? organisations[i % ORGANISATIONS] : null,
        state, current, definition.key, definition.version, snapshotOf(state), 1 + steps.length, recommendation, councilResolution,
        assemblyResolution, submittedAt?.toISOString() ?? null, new Date(createdAt).toISOString(), new Date(at).toISOString(),
        phaseOf(state), ['APPROVED', 'REJECTED', 'WITHDRAWN'].includes(phaseOf(state)) ? new Date(at).toISOString() : null,
      ]);
    }

    // Meetings of every body, past ones held, future ones planned, 10 agenda items each.
    const allBodies = [...wgs, bodies.SG, bodies.SC, bodies.COUNCIL, bodies.ASSEMBLY];
    const areaProposals = t.proposal.slice(-PROPOSALS);
    for (let m = 0; m < MEETINGS; m++) {
      const id = r.uuid();
      const startsAt = BASE + Math.floor((m / MEETINGS) * 1000 * DAY) + 9 * 3_600_000;
      const status = startsAt < Date.UTC(2026, 0, 1) ? 'HELD' : 'PLANNED';
      const snapshot = JSON.stringify(meetingWorkflow.snapshotAt(status));
      t.meeting.push([areaId, id, allBodies[m % allBodies.length], `Jednání ${a + 1}-${m + 1}`, new Date(startsAt).toISOString(), new Date(startsAt + 2 * 3_600_000).toISOString(), 'Zasedací místnost', status, snapshot]);
      for (let k = 0; k < AGENDA_ITEMS; k++) {
        const proposal = k < 6 ? areaProposals[r.int(areaProposals.length)] : null;
        t.agenda_item.push([areaId, r.uuid(), id, k + 1, proposal ? `Projednání: ${proposal[5]}` : `Bod ${k + 1}: různé`, null, proposal?.[1] ?? null]);
      }
    }
  }
  return t;
}

const COLUMNS = {
  planning_area: [['id', 'uuid'], ['name', 'text'], ['kind', 'text'], ['workflow_key', 'text']],
  municipality: [['area_id', 'uuid'], ['id', 'uuid'], ['name', 'text'], ['population', 'int4']],
  organisation: [['area_id', 'uuid'], ['id', 'uuid'], ['name', 'text']],
  person: [['area_id', 'uuid'], ['id', 'uuid'], ['name', 'text'], ['email', 'text'], ['phone', 'text'], ['organisation_id', 'uuid'], ['subject', 'text']],
  area_role: [['area_id', 'uuid'], ['id', 'uuid'], ['person_id', 'uuid'], ['role', 'text'], ['valid_from', 'date']],
  body: [
    ['area_id', 'uuid'], ['id', 'uuid'], ['kind', 'text'], ['name', 'text'], ['short_name', 'text'], ['target_group', 'text'],
    ['reports_to_id', 'uuid'], ['is_public', 'bool'], ['materials_lead_days', 'int4'], ['minutes_due_days', 'int4'], ['quorum_rule', 'text'],
  ],
  membership: [
    ['area_id', 'uuid'], ['id', 'uuid'], ['body_id', 'uuid'], ['person_id', 'uuid'], ['role', 'text'], ['triad_side', 'text'],
    ['voting_right', 'bool'], ['valid_from', 'date'], ['valid_to', 'date'], ['organisation_id', 'uuid'],
  ],
  proposal: [
    ['area_id', 'uuid'], ['id', 'uuid'], ['working_group_id', 'uuid'], ['author_id', 'uuid'], ['kind', 'text'], ['title', 'text'],
    ['summary', 'text'], ['text', 'text'], ['concerned_organisation_id', 'uuid'], ['state', 'text'], ['current_body_id', 'uuid'],
    ['workflow_key', 'text'], ['workflow_version', 'int4'], ['snapshot', 'jsonb'], ['version', 'int4'], ['commission_recommendation', 'text'],
    ['council_resolution', 'text'], ['assembly_resolution', 'text'], ['submitted_at', 'timestamptz'], ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'], ['phase', 'text'], ['decided_at', 'timestamptz'],
  ],
  workflow_event: [
    ['area_id', 'uuid'], ['proposal_id', 'uuid'], ['seq', 'int4'], ['event', 'text'], ['from_state', 'text'], ['to_state', 'text'],
    ['actor_id', 'uuid'], ['actor_role', 'text'], ['actor_triad_side', 'text'], ['body_id', 'uuid'], ['meeting_id', 'uuid'], ['reason', 'text'],
    ['resolution_number', 'text'], ['occurred_at', 'timestamptz'], ['prev_hash', 'text'], ['hash', 'text'],
  ],
  meeting: [
    ['area_id', 'uuid'], ['id', 'uuid'], ['body_id', 'uuid'], ['title', 'text'], ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz'],
    ['place', 'text'], ['status', 'text'], ['snapshot', 'jsonb'],
  ],
  agenda_item: [['area_id', 'uuid'], ['id', 'uuid'], ['meeting_id', 'uuid'], ['position', 'int4'], ['title', 'text'], ['presenter_id', 'uuid'], ['proposal_id', 'uuid']],
};

/** INSERT … SELECT FROM unnest($1::t[], …): one statement per 10,000 rows. */
async function bulkInsert(client, table, rows) {
  const cols = COLUMNS[table];
  const sql = `insert into ${table} (${cols.map(([c]) => c).join(', ')}) select * from unnest(${cols.map(([, ty], i) => `$${i + 1}::${ty}[]`).join(', ')})`;
  for (let start = 0; start < rows.length; start += 10_000) {
    const chunk = rows.slice(start, start + 10_000);
    await client.query(sql, cols.map((_, i) => chunk.map((row) => row[i])));
  }
}

async function main() {
  const started = Date.now();
  fs.rmSync(path.join(DATA_DIR, 'dataset.json'), { force: true });
  const db = await openBenchDatabase();
  try {
    if (db.embedded) {
      await withClient(db.adminUrl, async (c) => {
        await c.query(`drop database if exists ${BENCH_DB} with (force)`);
        await c.query(`create database ${BENCH_DB}`);
      });
    } else {
      await withClient(db.url, async (c) => {
        const { rows } = await c.query(`select to_regclass('public.proposal') is not null as has`);
        if (rows[0].has) {
          if (process.env.BENCH_RESET !== '1') throw new Error('DATABASE_URL already holds a schema: set BENCH_RESET=1 to drop its public schema and reload');
          await c.query('drop schema public cascade; create schema public');
        }
      });
    }
    const orm = await openOrm(db.url, 2);
    const applied = await migrate(orm);
    await orm.close(true);
    log(`migrations applied: ${applied.length}`);
    const t = generate();
    log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(t).map(([k, v]) => `${k} ${v.length}`).join(', ')}`);
    await withClient(db.url, async (c) => {
      await c.query('begin');
      for (const table of Object.keys(COLUMNS)) await bulkInsert(c, table, t[table]);
      await c.query('commit');
      await c.query('vacuum analyze');
      await c.query('create extension if not exists pg_stat_statements').catch(() => log('pg_stat_statements is not available on this server'));
    });
    const seconds = Number(((Date.now() - started) / 1000).toFixed(1));
    log(`loaded into ${new URL(db.url).host}${new URL(db.url).pathname} in ${seconds} s`);
    // What is loaded, for the results file (and, for the embedded database, the sign that it is there).
    const rows = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.length]));
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(path.join(DATA_DIR, 'dataset.json'), `${JSON.stringify({ seed: SEED, loadedAt: new Date().toISOString(), seconds, embedded: db.embedded, rows }, null, 2)}\n`);
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
