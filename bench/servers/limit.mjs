// The limit (target `limit`): what the service's answers cost written by hand — Node `http` + `pg`,
// no framework, no ORM, named (prepared) statements — with the service's own rules doing the
// judging (its compiled modules under dist/), so that it does what the service does and nothing less:
//
// - every request: the bearer token verified as the service verifies it (../lib/bearer.mjs), then
//   the viewer read with the service's own statement (src/data/viewer.ts, VIEWER_SQL) and made the
//   service's `Viewer`;
// - LIST and DETAIL: one statement each, the proposals filtered by the policy's `proposal.read` row
//   in the SQL form the service lists with (src/auth/authority.ts, visibleWhere over PROPOSAL_SQL);
//   `availableTransitions` judged by the workflow engine's `options` on the facts the service
//   builds (buildTransitionFacts: the actor as author, the chairs they hold on the body chain — by
//   delegation too —, their area roles, a conflict of interest through their person or their seats,
//   the working group's voting sides without erased people, a plan's hearings); a body's seats shown
//   only under `body.read`, as the service shows them;
// - TRANSITION: the service's rate-limit counters (the client address's and the viewer's minute
//   windows in rate_limit_window, the same buckets), the proposal read with what the policy judges
//   (`proposal.read`, then `proposal.transition`, by the decision point's `can`), the facts as above
//   with the reason and the resolution number typed, then one transaction: the row locked, the
//   idempotency key and the version checked, the engine's `decide` — the compiled XState machine's
//   own transition — and its outcome (transitionOutcome) written with the hash-chained event and,
//   when someone else moved the proposal, the notice to its author in the outbox.
//
// Leaner than the service where that keeps every guarantee: the two counters in one statement, the
// history's last link read with the lock, the update, the event and the notice in one statement.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { AUDIENCE, ISSUER, dist, inTransaction } from '../lib/common.mjs';
import { bearerVerifier } from '../lib/bearer.mjs';
import { Refused, serveJsonRoutes } from '../lib/json-routes.mjs';

const { VIEWER_SQL } = dist('src/data/viewer.js');
const { Viewer } = dist('src/auth/viewer.js');
const { can, chairsOnChain, representsOrganisation, visibleWhere } = dist('src/auth/authority.js');
const { PROPOSAL_SQL, proposalResource } = dist('src/auth/resources.js');
const { buildTransitionFacts } = dist('src/workflows/transition-facts.js');
const { transitionOutcome } = dist('src/workflows/transition-outcome.js');
const { eventHash } = dist('src/workflows/history-hash.js');
const { shippedWorkflows } = dist('src/workflows/workflow-registry.js');
const { clientKey } = dist('src/services/rate-limiter.js');
const { pragueDay } = dist('src/common/dates.js');
const { hasVisibleText } = dist('src/domain/text.js');
const { isCleanText } = dist('src/security/input-hygiene.js');
const { DECIDED_PHASES, ProposalKind, ProposalPhase } = dist('src/domain/enums.js');

const workflows = shippedWorkflows();
const port = Number(process.env.PORT ?? 4101);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const tokens = bearerVerifier({ jwksPath: process.env.AUTH_JWKS_PATH, issuer: ISSUER, audience: AUDIENCE });
const limits = { perViewer: Number(process.env.MUTATIONS_PER_MINUTE_PER_VIEWER ?? 120), perAddress: Number(process.env.MUTATIONS_PER_MINUTE_PER_ADDRESS ?? 600) };
const TYPED_WHEN_FIRING = 'typed when firing';
const ROLE_ORDER = ['CHAIR', 'DEPUTY', 'SECRETARY', 'MEMBER', 'GUEST'];

/** A statement prepared once per connection under a name made from its text. */
const named = (text) => ({ name: `s${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text });

// ── The viewer ───────────────────────────────────────────────────────────────────────────────

const VIEWER = named(VIEWER_SQL.replace(/(?<!:):subject\b/g, '$1').replace(/(?<!:):day\b/g, '$2'));
const ref = (id) => (id ? { id } : null);

/** The service's Viewer from its viewer statement's row (the entities as plain objects with the fields the rules read). */
async function loadViewer(db, subject, day) {
  const { rows } = await db.query(VIEWER, [subject, day]);
  const row = rows[0];
  if (!row || row.people.length === 0) return new Viewer(subject, row?.admin === true, [], [], []);
  return new Viewer(
    subject,
    row.admin === true,
    row.people.map((p) => ({ id: p.id, areaId: p.area_id, organisation: ref(p.organisation_id) })),
    row.roles.map((r) => ({ id: r.id, areaId: r.area_id, role: r.role })),
    row.seats.map((m) => ({ id: m.id, areaId: m.area_id, body: { id: m.body_id }, role: m.role, triadSide: m.triad_side, organisation: ref(m.organisation_id) })),
    row.delegations,
  );
}

/** The policy's rule as SQL over alias `p`, its values numbered from `$first` on. */
function visible(viewer, action, first) {
  const { sql, params } = visibleWhere(viewer, action, PROPOSAL_SQL('p'));
  let n = first;
  return { sql: sql.replace(/\?/g, () => `$${n++}`), params };
}

// ── What the guards judge ────────────────────────────────────────────────────────────────────

// The working group's chain, its voting sides today (people not erased) and a plan's hearings, for a proposal row `p`.
const FACT_COLUMNS = `
  (with recursive c (id, kind, reports_to_id, depth) as (
     select b.id, b.kind, b.reports_to_id, 1 from body b where b.area_id = p.area_id and b.id = p.working_group_id
     union all
     select b.id, b.kind, b.reports_to_id, c.depth + 1 from c join body b on b.area_id = p.area_id and b.id = c.reports_to_id where c.depth < 10)
   select json_agg(json_build_object('id', c.id, 'kind', c.kind) order by c.depth) from c) as chain,
  (select coalesce(array_agg(distinct m.triad_side order by m.triad_side), '{}') from membership m
     join person mp on mp.area_id = m.area_id and mp.id = m.person_id and mp.erased_at is null
    where m.area_id = p.area_id and m.body_id = p.working_group_id and m.voting_right
      and m.valid_from <= $DAY::date and (m.valid_to is null or m.valid_to >= $DAY::date)) as voting_sides,
  case when p.kind = 'PLAN' then (
    select json_build_object(
      'unanswered', (select count(*) from hearing h join hearing_comment hc on hc.area_id = h.area_id and hc.hearing_id = h.id
                      where h.area_id = pl.area_id and h.plan_id = pl.id and hc.decision is null),
      'open', (select count(*) from hearing h where h.area_id = pl.area_id and h.plan_id = pl.id and h.closes_at > now()))
    from plan pl where pl.proposal_id = p.id limit 1) end as hearings`;

/** The facts the service builds for the viewer acting on proposal row `r` (ProposalService.facts). */
function factsFor(viewer, r, reason, resolutionNumber) {
  const chain = r.chain ?? [];
  return buildTransitionFacts({
    proposal: { kind: r.kind, title: r.title, summary: r.summary, authorId: r.author_id, concernedOrganisationId: r.concerned_organisation_id },
    actorPersonId: viewer.personIn(r.area_id)?.id ?? null,
    actorSideInWorkingGroup: viewer.seatIn(r.working_group_id)?.triadSide ?? null,
    actorAreaRoles: viewer.rolesIn(r.area_id),
    chain,
    actorRepresentsConcerned: r.concerned_organisation_id !== null && representsOrganisation(viewer, r.area_id, r.concerned_organisation_id),
    actorChairOf: chairsOnChain(viewer, chain).map((c) => ({ bodyKind: c.body.kind, side: viewer.seatIn(c.body.id)?.triadSide ?? null, onBehalfOf: c.onBehalfOf })),
    votingSides: r.voting_sides,
    reason,
    resolutionNumber,
    unansweredHearingComments: r.kind === ProposalKind.PLAN ? Number(r.hearings?.unanswered ?? 0) : 0,
    openHearings: r.kind === ProposalKind.PLAN ? Number(r.hearings?.open ?? 0) : 0,
  });
}

/** Every event of the stage, allowed or with the reasons (Czech, the service's default language). */
function available(viewer, r) {
  const { engine } = workflows.get(r.workflow_key, r.workflow_version);
  if (engine.transitionsFrom(r.state).length === 0) return [];
  return engine.options(r.state, factsFor(viewer, r, TYPED_WHEN_FIRING, TYPED_WHEN_FIRING)).map(({ transition: t, refusals }) => ({
    event: t.event,
    label: t.label.cs,
    target: t.to,
    allowed: refusals.length === 0,
    reasons: refusals.map((x) => x.text.cs),
  }));
}

const stageLabel = (r) => workflows.get(r.workflow_key, r.workflow_version).definition.stages.find((s) => s.key === r.state)?.label.cs ?? r.state;

// ── LIST and DETAIL ─────────────────────────────────────────────────────────────────────────

async function list({ viewer, day }, vars) {
  const rule = visible(viewer, 'proposal.read', 5);
  const text = `
    select p.id, p.area_id, p.title, p.summary, p.kind, p.state, p.version, p.workflow_key, p.workflow_version, p.concerned_organisation_id,
      p.created_at, p.author_id, p.working_group_id, b.name as wg_name, a.name as author_name,
      (select coalesce(json_agg(h order by h.seq), '[]') from (
         select e.seq, e.event, e.from_state as "fromState", e.to_state as "toState", e.occurred_at as "occurredAt"
         from workflow_event e where e.proposal_id = p.id order by e.seq desc limit 5) h) as history,
      ${FACT_COLUMNS.replaceAll('$DAY', '$4')}
    from proposal p
    join body b on b.area_id = p.area_id and b.id = p.working_group_id
    join person a on a.area_id = p.area_id and a.id = p.author_id
    where p.area_id = $1 and p.state = $2 and (${rule.sql})
    order by p.created_at desc, p.id desc
    limit $3`;
  const { rows } = await pool.query(named(text), [vars.areaId, vars.state, vars.first + 1, day, ...rule.params]);
  const edges = rows.slice(0, vars.first).map((r) => ({
    node: {
      id: r.id, title: r.title, state: r.state, version: r.version, stageLabel: stageLabel(r), createdAt: r.created_at,
      workingGroup: { id: r.working_group_id, name: r.wg_name }, author: { id: r.author_id, name: r.author_name },
      history: r.history, availableTransitions: available(viewer, r),
    },
  }));
  return { proposals: { edges, pageInfo: { hasNextPage: rows.length > vars.first } } };
}

async function detail({ viewer, day }, vars) {
  const rule = visible(viewer, 'proposal.read', 3);
  const text = `
    select p.id, p.area_id, p.title, p.summary, p.state, p.version, p.workflow_key, p.workflow_version, p.created_at, p.working_group_id,
      a.name as author_name, b.name as wg_name, b.is_public as wg_public,
      (select coalesce(json_agg(json_build_object('role', m.role, 'triadSide', m.triad_side, 'person', json_build_object('name', mp.name))
                        order by array_position($ROLES::text[], m.role), m.valid_from, m.id), '[]')
         from membership m join person mp on mp.area_id = m.area_id and mp.id = m.person_id
        where m.area_id = p.area_id and m.body_id = p.working_group_id and m.valid_from <= $2::date
          and (m.valid_to is null or m.valid_to >= $2::date)) as members,
      (select coalesce(json_agg(json_build_object('seq', e.seq, 'event', e.event, 'fromState', e.from_state, 'toState', e.to_state,
         'actorRole', e.actor_role, 'reason', e.reason, 'occurredAt', e.occurred_at, 'hash', e.hash) order by e.seq), '[]')
         from workflow_event e where e.proposal_id = p.id) as history
    from proposal p
    join body b on b.area_id = p.area_id and b.id = p.working_group_id
    join person a on a.area_id = p.area_id and a.id = p.author_id
    where p.id = $1 and (${rule.sql})`.replace('$ROLES', `'{${ROLE_ORDER.join(',')}}'`);
  const { rows } = await pool.query(named(text), [vars.id, day, ...rule.params]);
  const r = rows[0];
  if (!r) throw new Refused('NOT_FOUND', 'Proposal not found.');
  // A body reached through a proposal shows its seats only to those who may read the body (src/resolvers/body.resolver.ts).
  const seesBody = can(viewer, 'body.read', { areaId: r.area_id, bodies: { body: [{ id: r.working_group_id }] }, flags: { public: r.wg_public } });
  return {
    proposal: {
      id: r.id, title: r.title, summary: r.summary, state: r.state, version: r.version, stageLabel: stageLabel(r), createdAt: r.created_at,
      author: { name: r.author_name }, workingGroup: { name: r.wg_name, memberships: seesBody ? r.members : [] }, history: r.history,
    },
  };
}

// ── TRANSITION ──────────────────────────────────────────────────────────────────────────────

// Both of the service's minute windows (src/security/mutation-rate-limit.plugin.ts), in one statement.
const RATE = named(`insert into rate_limit_window (bucket, window_start, hits) values ($1, $3, 1), ($2, $3, 1)
  on conflict (bucket, window_start) do update set hits = rate_limit_window.hits + excluded.hits returning bucket, hits`);

async function countMutation(address, subject, now) {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const buckets = [`mutations:address:${clientKey(address)}`, `mutations:viewer:${clientKey(subject)}`];
  const { rows } = await pool.query(RATE, [...buckets, windowStart]);
  const hits = new Map(rows.map((r) => [r.bucket, r.hits]));
  if (hits.get(buckets[0]) > limits.perAddress || hits.get(buckets[1]) > limits.perViewer) throw new Refused('RATE_LIMITED', 'Too many requests.');
}

// The proposal with what the policy and the guards judge, before any transaction (as the service reads it).
const READ = named(`
  select p.*,
    (select coalesce(array_agg(distinct e.body_id), '{}') from workflow_event e where e.area_id = p.area_id and e.proposal_id = p.id and e.body_id is not null) as handled,
    (select b.is_public from body b where b.area_id = p.area_id and b.id = p.working_group_id) as wg_public,
    ${FACT_COLUMNS.replaceAll('$DAY', '$2')}
  from proposal p where p.id = $1`);

// Under the lock: the version, the snapshot, the history's last link and an earlier event under the idempotency key.
const LOCK = named(`
  select p.version, p.snapshot,
    (select json_build_object('seq', e.seq, 'hash', e.hash) from workflow_event e where e.proposal_id = p.id order by e.seq desc limit 1) as last,
    (select json_build_object('proposalId', e.proposal_id, 'requestHash', e.request_hash) from workflow_event e
      where $3::text is not null and e.area_id = p.area_id and e.actor_id = $4 and e.idempotency_key = $3) as earlier
  from proposal p where p.area_id = $1 and p.id = $2 for update of p`);

const HEARINGS_UNDER_LOCK = named(`
  select (select count(*) from hearing h join hearing_comment c on c.area_id = h.area_id and c.hearing_id = h.id
           where h.area_id = p.area_id and h.plan_id = p.id and c.decision is null) as unanswered,
         (select count(*) from hearing h where h.area_id = p.area_id and h.plan_id = p.id and h.closes_at > now()) as open
    from plan p where p.area_id = $1 and p.proposal_id = $2`);

// The event, the notice and the proposal's new state in one statement.
const WRITE = named(`
  with event as (
    insert into workflow_event (area_id, proposal_id, seq, event, from_state, to_state, actor_id, actor_role, actor_triad_side, body_id, meeting_id,
      reason, resolution_number, occurred_at, on_behalf_of_id, idempotency_key, request_hash, prev_hash, hash)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, null, $11, $12, $13, $14, $15, $16, $17, $18)
  ), notice as (
    insert into outbox (area_id, kind, payload, dedupe_key) select $1, 'PROPOSAL_MOVED', $19::jsonb, null where $19::jsonb is not null on conflict do nothing
  )
  update proposal set state = $6, phase = $20, snapshot = $21, current_body_id = $22, version = version + 1, updated_at = $13,
    submitted_at = case when $23 and submitted_at is null then $13 else submitted_at end,
    commission_recommendation = coalesce($24, commission_recommendation),
    council_resolution = coalesce($25, council_resolution), assembly_resolution = coalesce($26, assembly_resolution),
    decided_at = case when $27 then $13 else decided_at end
  where area_id = $1 and id = $2 returning id, state, version`);

const CLOSE_HEARINGS = named(`
  update hearing h set closes_at = $3, updated_at = $3 from plan p
   where p.area_id = h.area_id and p.id = h.plan_id and p.area_id = $1 and p.proposal_id = $2 and h.opens_at < $3 and h.closes_at > $3`);

/** What the author is told besides the stages (ProposalService's movedBody). */
function movedBody(action, reason, resolutionNumber) {
  const cs = [`${action.cs}.`];
  const en = [`${action.en}.`];
  if (reason) cs.push(`Důvod: ${reason}`), en.push(`Reason: ${reason}`);
  if (resolutionNumber) cs.push(`Usnesení č. ${resolutionNumber}`), en.push(`Resolution no. ${resolutionNumber}`);
  return { cs: cs.join('\n'), en: en.join('\n') };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The input as the service's validation and argument hygiene take it; a typed text normalised to NFC. */
function checkedInput(input) {
  const text = (v, max) => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' || v.length < 1 || v.length > max || !isCleanText(v) || !hasVisibleText(v)) throw new Refused('BAD_USER_INPUT', 'Invalid text.');
    return v.normalize('NFC');
  };
  if (!UUID.test(input.proposalId ?? '') || !/^[A-Z][A-Z_]{1,39}$/.test(input.event ?? '') || !Number.isInteger(input.expectedVersion) || input.expectedVersion < 1) {
    throw new Refused('BAD_USER_INPUT', 'Invalid input.');
  }
  const key = input.idempotencyKey ?? null;
  if (key !== null && !/^[A-Za-z0-9_\-:.]{8,100}$/.test(key)) throw new Refused('BAD_USER_INPUT', 'Invalid idempotency key.');
  return { ...input, reason: text(input.reason, 2000), resolutionNumber: text(input.resolutionNumber, 60), idempotencyKey: key };
}

async function transition({ viewer, day, now, address, subject }, raw) {
  await countMutation(address, subject, now);
  const input = checkedInput(raw);
  const { rows } = await pool.query(READ, [input.proposalId, day]);
  const r = rows[0];
  const resource = r && proposalResource(
    { areaId: r.area_id, phase: r.phase, author: { id: r.author_id }, workingGroup: { id: r.working_group_id }, currentBody: r.current_body_id ? { id: r.current_body_id } : null },
    { handledBodyIds: r.handled, workingGroupPublic: r.phase === ProposalPhase.APPROVED && r.wg_public === true, chain: r.chain ?? [] },
  );
  if (!r || !can(viewer, 'proposal.read', resource)) throw new Refused('NOT_FOUND', 'Proposal not found.');
  if (!can(viewer, 'proposal.transition', resource)) throw new Refused('FORBIDDEN', 'You cannot act on this proposal.');
  const person = viewer.personIn(r.area_id);
  const facts = factsFor(viewer, r, input.reason, input.resolutionNumber);
  const { definition: def, engine } = workflows.get(r.workflow_key, r.workflow_version);
  const requestHash = createHash('sha256').update(JSON.stringify([input.proposalId, input.event, input.expectedVersion, input.reason, input.resolutionNumber])).digest('hex');

  return inTransaction(pool, async (client) => {
    const locked = (await client.query(LOCK, [r.area_id, r.id, input.idempotencyKey, person.id])).rows[0];
    if (locked.earlier) {
      if (locked.earlier.requestHash === requestHash && locked.earlier.proposalId === r.id) return { transitionProposal: { id: r.id, state: r.state, version: locked.version } };
      throw new Refused('CONFLICT', 'This idempotency key was already used for a different request.');
    }
    if (locked.version !== input.expectedVersion || locked.version !== r.version) throw new Refused('CONFLICT', 'The proposal has changed since you loaded it; reload it.');
    if (r.kind === ProposalKind.PLAN) {
      const standing = (await client.query(HEARINGS_UNDER_LOCK, [r.area_id, r.id])).rows[0];
      facts.unansweredHearingComments = Number(standing?.unanswered ?? 0);
      facts.openHearings = Number(standing?.open ?? 0);
    }
    const decision = engine.decide(locked.snapshot, input.event, facts);
    if (!decision.allowed) throw new Refused('TRANSITION_NOT_ALLOWED', decision.refusals.map((x) => x.text.cs).join(' '));
    const t = decision.transition;
    const outcome = transitionOutcome(def, t, decision.from, r.chain ?? [], input.resolutionNumber);
    const hashed = {
      proposalId: r.id, seq: (locked.last?.seq ?? 0) + 1, event: t.event, fromState: decision.from, toState: decision.to, actorId: person.id,
      actorRole: decision.actingAs.role, actorTriadSide: decision.actingAs.side, bodyId: outcome.decidingBodyId, meetingId: null,
      reason: input.reason, resolutionNumber: input.resolutionNumber, occurredAt: now, onBehalfOfId: decision.actingAs.onBehalfOf,
    };
    const prevHash = locked.last?.hash ?? null;
    const label = (key) => def.stages.find((s) => s.key === key)?.label ?? { cs: key, en: key };
    const [from, to] = [label(decision.from), label(decision.to)];
    const notice = r.author_id === person.id ? null : JSON.stringify({
      kind: 'PROPOSAL_MOVED', subjectId: r.id,
      title: { cs: `Návrh „${r.title}“: ${from.cs} → ${to.cs}`, en: `Proposal "${r.title}": ${from.en} → ${to.en}` },
      body: movedBody(t.label, input.reason, input.resolutionNumber), recipients: [r.author_id],
    });
    const moved = (await client.query(WRITE, [
      r.area_id, r.id, hashed.seq, t.event, decision.from, decision.to, person.id, hashed.actorRole, hashed.actorTriadSide, hashed.bodyId,
      input.reason, input.resolutionNumber, now, hashed.onBehalfOfId, input.idempotencyKey, requestHash, prevHash, eventHash(prevHash, hashed), notice,
      outcome.phase, decision.snapshot, outcome.nextBodyId, outcome.submitted, outcome.commissionRecommendation, outcome.councilResolution,
      outcome.assemblyResolution, DECIDED_PHASES.includes(outcome.phase),
    ])).rows[0];
    if (r.kind === ProposalKind.PLAN && outcome.phase === ProposalPhase.APPROVED) await client.query(CLOSE_HEARINGS, [r.area_id, r.id, now]);
    return { transitionProposal: moved };
  });
}

// ── The server ──────────────────────────────────────────────────────────────────────────────

const ROUTES = { '/list': list, '/detail': detail, '/transition': transition };

serveJsonRoutes({
  name: 'limit',
  port,
  routes: ROUTES,
  call: async (route, req, variables) => {
    const subject = tokens.subjectOf(req.headers.authorization);
    if (!subject) throw new Refused('UNAUTHENTICATED', 'no token');
    const now = new Date();
    const day = pragueDay(now);
    const viewer = await loadViewer(pool, subject, day);
    return route({ viewer, day, now, subject, address: req.socket.remoteAddress ?? 'unknown' }, variables);
  },
});
