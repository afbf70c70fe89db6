// The bare limit (target `limit-bare`, the benchmark's `limit` until the fair baselines): hand-written
// Node `http` + `pg`, no framework, no ORM, named (prepared) statements. It answers the LIST and DETAIL
// shapes with one SQL statement each and fires transitions with the service's transaction (locking
// read, versioned update, hash-chained history insert, outbox notice). Bearer tokens are verified
// (ES256 against the bench JWKS); stage labels, available transitions and guards come from the
// service's compiled workflow definitions (dist/). Lighter than the service: visibility simplified
// (managers, the author, the working group's seats), the guards' facts simplified (any chair seat,
// the person's organisation only), no rate-limit counters, the actor checked by a seat or
// authorship rather than the engine, and no XState transition (the snapshot of the target stage).
// servers/limit.mjs is the fair one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { AUDIENCE, ISSUER, dist, inTransaction } from '../lib/common.mjs';
import { Refused, serveJsonRoutes } from '../lib/json-routes.mjs';

const { eventHash } = dist('src/workflows/history-hash.js');
const { shippedWorkflows } = dist('src/workflows/workflow-registry.js');
const workflows = shippedWorkflows();
const compiledWorkflow = (key, version) => workflows.get(key, version);
const { checkGuard } = dist('src/workflows/workflow-guards.js');

const port = Number(process.env.PORT ?? 4101);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const jwks = JSON.parse(fs.readFileSync(process.env.AUTH_JWKS_PATH, 'utf8'));
const keys = new Map(jwks.keys.map((k) => [k.kid, crypto.createPublicKey({ key: k, format: 'jwk' })]));

function subjectOf(req) {
  const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(req.headers.authorization ?? '');
  if (!m) return null;
  const head = JSON.parse(Buffer.from(m[1], 'base64url'));
  const key = keys.get(head.kid);
  if (head.alg !== 'ES256' || !key) return null;
  if (!crypto.verify('sha256', Buffer.from(`${m[1]}.${m[2]}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(m[3], 'base64url'))) return null;
  const claims = JSON.parse(Buffer.from(m[2], 'base64url'));
  if (claims.iss !== ISSUER || claims.aud !== AUDIENCE || claims.exp < Date.now() / 1000) return null;
  return claims.sub;
}

const label = (def, key) => def.stages.find((s) => s.key === key)?.label.cs ?? key;

/** The viewer's facts and the guards, as the service judges them for `availableTransitions`. */
function available(row) {
  const { definition: def } = compiledWorkflow(row.workflow_key, row.workflow_version);
  const facts = {
    proposalKind: row.kind,
    hasTitle: row.title.trim().length > 0,
    hasSummary: (row.summary ?? '').trim().length > 0,
    actor: { isAuthor: row.author_id === row.viewer_id, chairOf: row.viewer_chair_of ?? [], areaRoles: row.viewer_roles ?? [] },
    triadSidesPresent: row.voting_sides ?? [],
    actorHasConflictOfInterest: row.concerned_organisation_id !== null && row.viewer_organisation_id === row.concerned_organisation_id,
    reason: 'typed when firing',
    resolutionNumber: 'typed when firing',
    unansweredHearingComments: 0,
    openHearings: 0,
  };
  return def.transitions
    .filter((t) => t.from.includes(row.state))
    .map((t) => {
      const reasons = t.guards.flatMap((g) => checkGuard(g, facts)).map((r) => r.text.cs);
      return { event: t.event, label: t.label.cs, target: t.to, allowed: reasons.length === 0, reasons };
    });
}

// The viewer (person, area roles, chair seats on the chain) in a CTE of the same statement.
const VIEWER = `
  viewer as materialized (
    select pe.id, pe.organisation_id,
      exists(select 1 from area_role r where r.area_id = pe.area_id and r.person_id = pe.id and r.revoked_at is null
             and r.role in ('ADMIN', 'COORDINATOR')) as manages,
      array(select r.role from area_role r where r.area_id = pe.area_id and r.person_id = pe.id and r.revoked_at is null
            and r.valid_from <= current_date and (r.valid_to is null or r.valid_to >= current_date)) as roles,
      array(select b.id from membership m join body b on b.area_id = m.area_id and b.id = m.body_id
            where m.area_id = pe.area_id and m.person_id = pe.id and m.valid_from <= current_date
            and (m.valid_to is null or m.valid_to >= current_date)) as seat_bodies,
      array(select b.kind || ':' || b.id from membership m join body b on b.area_id = m.area_id and b.id = m.body_id
            where m.area_id = pe.area_id and m.person_id = pe.id and m.role = 'CHAIR' and m.valid_from <= current_date
            and (m.valid_to is null or m.valid_to >= current_date)) as chairs
    from person pe where pe.area_id = $1 and pe.subject = $2
  )`;

const LIST_SQL = `
  with ${VIEWER},
  page as (
    select p.* from proposal p cross join viewer v
    where p.area_id = $1 and p.state = $3 and (v.manages or p.author_id = v.id or p.working_group_id = any(v.seat_bodies))
    order by p.created_at desc, p.id desc
    limit $4
  ),
  sides as (
    select m.body_id, array_agg(distinct m.triad_side) as voting_sides from membership m
    where m.area_id = $1 and m.body_id in (select working_group_id from page) and m.voting_right
      and m.valid_from <= current_date and (m.valid_to is null or m.valid_to >= current_date)
    group by m.body_id
  )
  select p.id, p.title, p.summary, p.kind, p.state, p.version, p.workflow_key, p.workflow_version, p.concerned_organisation_id,
    p.created_at, p.author_id, b.id as wg_id, b.name as wg_name, a.name as author_name,
    v.id as viewer_id, v.organisation_id as viewer_organisation_id, v.roles as viewer_roles,
    array(select distinct split_part(c, ':', 1) from unnest(v.chairs) c
          where split_part(c, ':', 1) <> 'WORKING_GROUP' or split_part(c, ':', 2) = p.working_group_id::text) as viewer_chair_of,
    coalesce(s.voting_sides, '{}') as voting_sides,
    (select coalesce(json_agg(h order by h.seq), '[]') from (
       select e.seq, e.event, e.from_state as "fromState", e.to_state as "toState", e.occurred_at as "occurredAt"
       from workflow_event e where e.proposal_id = p.id order by e.seq desc limit 5) h) as history
  from page p
  join body b on b.area_id = p.area_id and b.id = p.working_group_id
  join person a on a.area_id = p.area_id and a.id = p.author_id
  left join sides s on s.body_id = p.working_group_id
  cross join viewer v
  order by p.created_at desc, p.id desc`;

const DETAIL_SQL = `
  with ${VIEWER}
  select p.id, p.title, p.summary, p.state, p.version, p.workflow_key, p.workflow_version, p.created_at,
    a.name as author_name, b.name as wg_name,
    (select coalesce(json_agg(json_build_object('role', m.role, 'triadSide', m.triad_side, 'person', json_build_object('name', mp.name)) order by m.valid_from, m.id), '[]')
       from membership m join person mp on mp.area_id = m.area_id and mp.id = m.person_id
       where m.area_id = p.area_id and m.body_id = p.working_group_id and m.valid_from <= current_date
       and (m.valid_to is null or m.valid_to >= current_date)) as members,
    (select coalesce(json_agg(json_build_object('seq', e.seq, 'event', e.event, 'fromState', e.from_state, 'toState', e.to_state,
       'actorRole', e.actor_role, 'reason', e.reason, 'occurredAt', e.occurred_at, 'hash', e.hash) order by e.seq), '[]')
       from workflow_event e where e.proposal_id = p.id) as history
  from proposal p
  join body b on b.area_id = p.area_id and b.id = p.working_group_id
  join person a on a.area_id = p.area_id and a.id = p.author_id
  cross join viewer v
  where p.area_id = $1 and p.id = $3 and (v.manages or p.author_id = v.id or p.working_group_id = any(v.seat_bodies))`;

async function list(subject, vars) {
  const { rows } = await pool.query({ name: 'list', text: LIST_SQL }, [vars.areaId, subject, vars.state, vars.first + 1]);
  const page = rows.slice(0, vars.first);
  const edges = page.map((r) => {
    const { definition: def } = compiledWorkflow(r.workflow_key, r.workflow_version);
    return {
      node: {
        id: r.id, title: r.title, state: r.state, version: r.version, stageLabel: label(def, r.state), createdAt: r.created_at,
        workingGroup: { id: r.wg_id, name: r.wg_name }, author: { id: r.author_id, name: r.author_name },
        history: r.history, availableTransitions: available(r),
      },
    };
  });
  return { proposals: { edges, pageInfo: { hasNextPage: rows.length > vars.first } } };
}

async function detail(subject, vars) {
  const { rows } = await pool.query({ name: 'detail', text: DETAIL_SQL }, [vars.areaId, subject, vars.id]);
  const r = rows[0];
  if (!r) return null;
  const { definition: def } = compiledWorkflow(r.workflow_key, r.workflow_version);
  return {
    proposal: {
      id: r.id, title: r.title, summary: r.summary, state: r.state, version: r.version, stageLabel: label(def, r.state), createdAt: r.created_at,
      author: { name: r.author_name }, workingGroup: { name: r.wg_name, memberships: r.members }, history: r.history,
    },
  };
}

/** The same transaction as the service: lock the row, check the version, update it, append the event. */
async function transition(subject, input) {
  return inTransaction(pool, async (client) => {
    // Locking read: the proposal, the actor in its area, the last event of its chain, the chain's bodies.
    const { rows } = await client.query(
      {
        name: 'lock',
        text: `select p.*, pe.id as actor_id,
         (select json_build_object('seq', e.seq, 'hash', e.hash) from workflow_event e where e.proposal_id = p.id order by e.seq desc limit 1) as last,
         (select m.role || ':' || m.triad_side from membership m where m.area_id = p.area_id and m.body_id = p.working_group_id and m.person_id = pe.id
            and (m.valid_to is null or m.valid_to >= current_date) limit 1) as seat
       from proposal p join person pe on pe.area_id = p.area_id and pe.subject = $2
       where p.id = $1 for update of p`,
      },
      [input.proposalId, subject],
    );
    const p = rows[0];
    if (!p) throw new Refused('NOT_FOUND', 'no such proposal');
    if (p.version !== input.expectedVersion) throw new Refused('CONFLICT', 'stale version');
    const { definition: def, engine } = compiledWorkflow(p.workflow_key, p.workflow_version);
    const t = def.transitions.find((x) => x.event === input.event && x.from.includes(p.state));
    if (!t) throw new Refused('TRANSITION_NOT_ALLOWED', 'not in this stage');
    const isAuthor = p.author_id === p.actor_id;
    const [seatRole, seatSide] = (p.seat ?? ':').split(':');
    if (!isAuthor && seatRole !== 'CHAIR') throw new Refused('TRANSITION_NOT_ALLOWED', 'actor may not');
    if (t.guards.some((g) => g.name === 'reasonRequired') && !input.reason) throw new Refused('TRANSITION_NOT_ALLOWED', 'reason required');
    const now = new Date();
    const toKind = def.stages.find((s) => s.key === t.to)?.bodyKind;
    const fromKind = def.stages.find((s) => s.key === p.state)?.bodyKind;
    const hashed = {
      proposalId: p.id, seq: (p.last?.seq ?? 0) + 1, event: t.event, fromState: p.state, toState: t.to, actorId: p.actor_id,
      actorRole: isAuthor && t.event === 'SUBMIT' ? 'AUTHOR' : 'CHAIR', actorTriadSide: seatSide || null,
      bodyId: fromKind === 'WORKING_GROUP' ? p.working_group_id : null, meetingId: null, reason: input.reason ?? null,
      resolutionNumber: null, occurredAt: now,
    };
    const prevHash = p.last?.hash ?? null;
    const snapshot = engine.snapshotAt(t.to);
    const updated = await client.query(
      { name: 'update', text: `update proposal set state = $3, snapshot = $4, current_body_id = $5, version = version + 1, updated_at = $6,
         submitted_at = coalesce(submitted_at, case when $7 then $6::timestamptz end), phase = $9
       where area_id = $1 and id = $2 and version = $8 returning version, state` },
      [p.area_id, p.id, t.to, snapshot, toKind === 'WORKING_GROUP' ? p.working_group_id : null, now, t.event === 'SUBMIT', p.version, def.stages.find((s) => s.key === t.to).phase],
    );
    await client.query(
      { name: 'append', text: `insert into workflow_event (area_id, proposal_id, seq, event, from_state, to_state, actor_id, actor_role, actor_triad_side,
         body_id, meeting_id, reason, resolution_number, occurred_at, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, null, $11, null, $12, $13, $14)` },
      [p.area_id, p.id, hashed.seq, t.event, p.state, t.to, p.actor_id, hashed.actorRole, hashed.actorTriadSide, hashed.bodyId,
        hashed.reason, now, prevHash, eventHash(prevHash, hashed)],
    );
    if (!isAuthor) {
      const title = { cs: `Návrh „${p.title}“: ${label(def, p.state)} → ${label(def, t.to)}`, en: `Proposal "${p.title}"` };
      await client.query(`insert into outbox (area_id, kind, payload) values ($1, 'PROPOSAL_MOVED', $2)`, [
        p.area_id, JSON.stringify({ kind: 'PROPOSAL_MOVED', subjectId: p.id, title, recipients: [p.author_id] }),
      ]);
    }
    return { transitionProposal: { id: p.id, state: updated.rows[0].state, version: updated.rows[0].version } };
  });
}

const ROUTES = { '/list': list, '/detail': detail, '/transition': transition };

serveJsonRoutes({
  name: 'limit (bare)',
  port,
  routes: ROUTES,
  call: (route, req, variables) => {
    const subject = subjectOf(req);
    if (!subject) throw new Refused('UNAUTHENTICATED', 'no token');
    return route(subject, variables);
  },
});
