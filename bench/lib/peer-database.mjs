// The fair PostGraphile baseline's database side: bench/sql/postgraphile-fair.sql, its {{…}} filled
// from the service's compiled policy and workflows (dist/), applied as the database owner, and the
// workflows' stages, transitions and guards written as rows. Run by bench/run.mjs before the
// `postgraphile` target starts, again on every run.
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, dist } from './common.mjs';

/** The role the fair PostGraphile connects as: no superuser, no BYPASSRLS, so the policies bind it. */
export const PEER_ROLE = 'triada_bench_peer';
const PEER_PASSWORD = 'triada-bench-peer';

/** `url` with the peer role's credentials instead of the owner's. */
export function peerDatabaseUrl(url) {
  const u = new URL(url);
  u.username = PEER_ROLE;
  u.password = PEER_PASSWORD;
  return u.toString();
}

// ── The policy's rows as row-level security ────────────────────────────────────────────────

/**
 * The decision point turns a rule into SQL for one viewer, binding the viewer's ids as uuid[]
 * values (src/auth/authority.ts, conditionSql). Asked for a viewer whose ids are placeholders
 * naming what they stand for, it gives the rule with each placeholder array where a list of the
 * viewer's ids goes; each is then replaced by the function that reads those ids from the token's
 * subject. Whether the viewer is a global admin is a constant in that SQL: it is asked twice.
 */
function placeholderViewer(isGlobalAdmin) {
  const { Viewer } = dist('src/auth/viewer.js');
  const { AreaRoleKind, MembershipRole, DelegatedPower } = dist('src/domain/enums.js');
  const people = [{ id: 'people', areaId: 'person-areas', organisation: null }];
  const roles = Object.values(AreaRoleKind).map((role) => ({ areaId: `role:${role}`, role }));
  const seats = Object.values(MembershipRole).map((role) => ({ areaId: 'seat-areas', body: { id: `seat:${role}` }, role, organisation: null }));
  const delegations = Object.values(DelegatedPower).map((power) => ({ id: power, areaId: 'seat-areas', bodyId: `delegation:${power}`, power, forPersonId: null }));
  return new Viewer('placeholder', isGlobalAdmin, people, roles, seats, delegations);
}

const sqlArray = (items) => `'{${items.join(',')}}'::text[]`;

/** The function that reads, for the token's subject, the ids a placeholder array stands for. */
function viewerIds(param) {
  const items = param.slice(1, -1).split(',');
  const all = (prefix) => items.every((i) => i.startsWith(prefix));
  const named = (prefix) => items.filter((i) => i.startsWith(prefix)).map((i) => i.slice(prefix.length));
  if (param === '{people}') return '(select bench_peer.viewer_people())';
  if (param === '{person-areas}') return '(select bench_peer.viewer_person_areas())';
  if (param === '{seat-areas}') return '(select bench_peer.viewer_seat_areas())';
  if (all('role:')) return `(select bench_peer.viewer_role_areas(${sqlArray(named('role:'))}))`;
  if (items.every((i) => i.startsWith('seat:') || i.startsWith('delegation:'))) {
    return `(select bench_peer.viewer_bodies(${sqlArray(named('seat:'))}, ${sqlArray(named('delegation:'))}))`;
  }
  throw new Error(`No function of the viewer reads ${param}`);
}

function ruleSql(cond, form, isGlobalAdmin) {
  const { conditionSql } = dist('src/auth/authority.js');
  const { sql, params } = conditionSql(cond, placeholderViewer(isGlobalAdmin), form);
  let n = 0;
  // The cast stays: `any((select …))` would be read as a subquery's rows, `any((select …)::uuid[])` is the array.
  const filled = sql.replace(/\?::uuid\[\]/g, () => `${viewerIds(params[n++])}::uuid[]`);
  if (n !== params.length) throw new Error(`${params.length} values bound, ${n} placeholders filled`);
  return filled;
}

/** The rule of `action` as a policy expression over `form`: the same SQL the service filters lists with, for whoever the token names. */
export function policySql(action, form) {
  const { POLICY } = dist('src/auth/policy.js');
  const cond = POLICY[action].who;
  if (JSON.stringify(cond).includes('"signedIn"')) throw new Error(`${action}: "signedIn" has no form here (every request of the benchmark is signed in)`);
  const plain = ruleSql(cond, form, false);
  const admin = ruleSql(cond, form, true);
  return plain === admin ? plain : `(case when (select bench_peer.viewer_is_global_admin()) then ${admin} else ${plain} end)`;
}

/** A seat (membership row) under `body.read` of its body: the body named, public or not. */
const MEMBERSHIP_BODY_SQL = (a) => ({
  areaId: `${a}.area_id`,
  bodies: { body: (ids) => `${a}.body_id = any(${ids})` },
  flags: { public: `exists (select 1 from public.body b where b.area_id = ${a}.area_id and b.id = ${a}.body_id and b.is_public)` },
});

// ── Invisible text ─────────────────────────────────────────────────────────────────────────

/** A bracket expression of PostgreSQL's regular expressions matching what src/domain/text.ts removes (\p{Cf}, \p{Z}, \p{Cc}), U+0000 aside. */
function invisibleClass() {
  const invisible = /^[\p{Cf}\p{Z}\p{Cc}]$/u;
  const ranges = [];
  for (let cp = 1; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (!invisible.test(String.fromCodePoint(cp))) continue;
    const last = ranges.at(-1);
    if (last && last[1] === cp - 1) last[1] = cp;
    else ranges.push([cp, cp]);
  }
  const esc = (cp) => (cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`);
  return `[${ranges.map(([a, b]) => (a === b ? esc(a) : `${esc(a)}-${esc(b)}`)).join('')}]`;
}

// ── The workflows as rows ─────────────────────────────────────────────────────────────────

const TYPED_WHEN_FIRING = 'typed when firing';
const COUNT = 987654321;

/**
 * The checks one guard makes, each a refusal it can give, in its order, with the guard's own words
 * (judged by the service's guard catalogue on facts that make it refuse). A guard this does not
 * know stops the setup: the baseline would otherwise judge less than the service.
 */
function guardChecks(guard) {
  const { judgeGuard, FACTS_PASSING_EVERY_GUARD: pass, TRIAD_SIDES_REQUIRED } = dist('src/workflows/workflow-guards.js');
  const texts = (facts) => judgeGuard(guard, { ...pass, ...facts }).refusals.map((r) => r.text.cs);
  const one = (facts) => {
    const [text, ...more] = texts(facts);
    if (!text || more.length > 0) throw new Error(`guard ${guard.name}: expected one refusal`);
    return text;
  };
  const nobody = { actor: { isAuthor: false, authorSide: null, chairOf: [], areaRoles: [] } };
  switch (guard.name) {
    case 'actorIs': {
      const rules = guard.params.anyOf;
      return [{
        kind: 'actor',
        author: rules.some((r) => r.kind === 'AUTHOR'),
        chairKinds: rules.filter((r) => r.kind === 'CHAIR_OF').map((r) => r.bodyKind),
        roles: rules.filter((r) => r.kind === 'AREA_ROLE').map((r) => r.role),
        text: one(nobody),
      }];
    }
    case 'hasTitleAndSummary':
      return [{ kind: 'title', text: one({ hasTitle: false }) }, { kind: 'summary', text: one({ hasSummary: false }) }];
    case 'reasonRequired':
    case 'reasonRequiredUnlessAuthor':
    case 'resolutionNumberRequired':
      // Judged with the values "typed when firing", as the service does for availableTransitions: never a refusal.
      if (texts({ ...nobody, reason: TYPED_WHEN_FIRING, resolutionNumber: TYPED_WHEN_FIRING }).length > 0) throw new Error(`guard ${guard.name} refuses a typed value`);
      return [];
    case 'triadRepresented': {
      const all = texts({ triadSidesPresent: [] });
      if (all.length !== TRIAD_SIDES_REQUIRED.length) throw new Error('triadRepresented: one refusal per side expected');
      return TRIAD_SIDES_REQUIRED.map((side, i) => ({ kind: 'side', side, text: all[i] }));
    }
    case 'noConflictOfInterest':
      return [{ kind: 'conflict', text: one({ actorHasConflictOfInterest: true }) }];
    case 'hearingSettled':
      return [
        { kind: 'hearing_open', text: one({ openHearings: 1, unansweredHearingComments: 0 }) },
        { kind: 'hearing_unanswered', text: one({ openHearings: 0, unansweredHearingComments: COUNT }).replace(String(COUNT), '{count}') },
      ];
    case 'kindIsNot':
      return [{ kind: 'kind_in', kinds: guard.params.kinds, text: one({ proposalKind: guard.params.kinds[0] }) }];
    case 'kindIs':
      return [{ kind: 'kind_not_in', kinds: guard.params.kinds, text: one({ proposalKind: '' }) }];
    default:
      throw new Error(`The fair PostGraphile baseline does not judge the guard "${guard.name}" yet: add it to bench/lib/peer-database.mjs`);
  }
}

/** Every shipped workflow version's stages, transitions and checks as rows. */
function workflowRows() {
  const { shippedWorkflows } = dist('src/workflows/workflow-registry.js');
  const stages = [];
  const transitions = [];
  const checks = [];
  for (const { definition: def } of shippedWorkflows().entries) {
    for (const s of def.stages) stages.push([def.key, def.version, s.key, s.label.cs]);
    def.transitions.forEach((t, no) => {
      for (const from of t.from) transitions.push([def.key, def.version, from, no, t.event, t.label.cs, t.to]);
      t.guards.flatMap(guardChecks).forEach((c, k) => {
        checks.push([def.key, def.version, no, k, c.kind, c.author === true, c.chairKinds ?? [], c.roles ?? [], c.side ?? null, c.kinds ?? [], c.text]);
      });
    });
  }
  return { stages, transitions, checks };
}

/** Applies the script and writes the workflows' rows, in one transaction of `client` (the owner's). */
export async function preparePeerDatabase(client) {
  const { PROPOSAL_SQL } = dist('src/auth/resources.js');
  const proposalForm = PROPOSAL_SQL('proposal');
  const handled = PROPOSAL_SQL('p').bodies.handledBodies('bodies');
  const script = fs
    .readFileSync(path.join(BENCH_DIR, 'sql/postgraphile-fair.sql'), 'utf8')
    .replaceAll('{{ROLE}}', PEER_ROLE)
    .replaceAll('{{PASSWORD}}', PEER_PASSWORD)
    .replace('{{HANDLED_BODIES}}', handled)
    .replace('{{INVISIBLE}}', invisibleClass())
    .replace(
      '{{PROPOSAL_READ}}',
      // The history's policy reads proposals: the handled bodies are asked of a function that reads it past its policy.
      policySql('proposal.read', { ...proposalForm, bodies: { ...proposalForm.bodies, handledBodies: (ids) => `bench_peer.handled_by(proposal.area_id, proposal.id, ${ids})` } }),
    )
    .replace('{{MEMBERSHIP_READ}}', policySql('body.read', MEMBERSHIP_BODY_SQL('membership')));
  const { stages, transitions, checks } = workflowRows();
  await client.query('begin');
  try {
    await client.query(script);
    await client.query(`insert into bench_peer.workflow_stage select * from unnest($1::text[], $2::int[], $3::text[], $4::text[])`, columns(stages, 4));
    await client.query(`insert into bench_peer.workflow_transition select * from unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[])`, columns(transitions, 7));
    // Arrays of arrays do not unnest row by row: the text[] columns go as JSON.
    await client.query(
      `insert into bench_peer.transition_check
       select c.k, c.v, c.t, c.n, c.kind, c.author, array(select jsonb_array_elements_text(c.chair_kinds)), array(select jsonb_array_elements_text(c.roles)),
              c.side, array(select jsonb_array_elements_text(c.kinds)), c.text
         from jsonb_to_recordset($1::jsonb) as c(k text, v int, t int, n int, kind text, author boolean, chair_kinds jsonb, roles jsonb, side text, kinds jsonb, text text)`,
      [JSON.stringify(checks.map(([k, v, t, n, kind, author, chairKinds, roles, side, kinds, text]) => ({ k, v, t, n, kind, author, chair_kinds: chairKinds, roles, side, kinds, text })))],
    );
    await client.query('analyze bench_peer.workflow_stage, bench_peer.workflow_transition, bench_peer.transition_check');
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
  return { stages: stages.length, transitions: transitions.length, checks: checks.length };
}

const columns = (rows, n) => Array.from({ length: n }, (_, i) => rows.map((r) => r[i]));
