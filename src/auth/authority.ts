import { raw } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { AreaRoleKind, Convener, DelegatedPower, MembershipRole, MinuteTaker } from '../entities/enums';
import { AppError, ErrorCode, notFound } from '../errors/app-errors';
import { localize, type Text } from '../i18n/locale';
import { RefusalCode, refusalExtensions } from '../common/refusal';
import type { BodyFacts, BodyRef, Condition, DelegablePower, Flag, PersonRef, Resource } from './conditions';
import { OPERATION_ACTIONS, POLICY, type Action } from './policy';
import { Viewer } from './viewer';

/**
 * The decision point: the only place that answers "may this viewer do this". It judges the rows of
 * src/auth/policy.ts for one record (`can`, `authorize`), without a record for the shield
 * (`mayAttempt`), and as SQL for lists (`visibleWhere`) — one rule, three forms.
 */

// ── Judging one record ──────────────────────────────────────────────────────────────────────

const MANAGER_ROLES = [AreaRoleKind.ADMIN, AreaRoleKind.COORDINATOR];

function holdsAreaRole(viewer: Viewer, areaId: string | null, roles: readonly AreaRoleKind[]): boolean {
  if (viewer.isGlobalAdmin && roles.includes(AreaRoleKind.ADMIN)) return true;
  // Every role has an area: none matches a record of no area.
  return viewer.areaRoles.some((r) => r.areaId === areaId && roles.includes(r.role));
}

function seatedIn(viewer: Viewer, bodyId: string, roles?: readonly MembershipRole[]): boolean {
  return viewer.memberships.some((m) => m.body.id === bodyId && (!roles || roles.includes(m.role)));
}

/** The delegation that lets the viewer use a chair's `power` in a body today, if any. */
function delegationFor(viewer: Viewer, bodyId: string, power: DelegablePower) {
  return viewer.delegations.find((d) => d.bodyId === bodyId && (d.power === power || d.power === DelegatedPower.CHAIR));
}

function chairs(viewer: Viewer, bodyId: string, power: DelegablePower): boolean {
  return seatedIn(viewer, bodyId, [MembershipRole.CHAIR]) || delegationFor(viewer, bodyId, power) !== undefined;
}

function convenes(viewer: Viewer, areaId: string | null, body: BodyFacts): boolean {
  const chair = chairs(viewer, body.id, DelegatedPower.CONVENE);
  const coordinator = holdsAreaRole(viewer, areaId, MANAGER_ROLES);
  switch (body.convener ?? Convener.CHAIR_OR_COORDINATOR) {
    case Convener.CHAIR:
      return chair;
    case Convener.COORDINATOR:
      return coordinator;
    case Convener.CHAIR_OR_COORDINATOR:
      return chair || coordinator;
  }
}

function takesMinutes(viewer: Viewer, areaId: string | null, body: BodyFacts): boolean {
  return (body.minuteTaker ?? MinuteTaker.COORDINATOR) === MinuteTaker.SECRETARY
    ? seatedIn(viewer, body.id, [MembershipRole.SECRETARY])
    : holdsAreaRole(viewer, areaId, MANAGER_ROLES);
}

/** Organisations the viewer represents in an area: their person record's, and their seats' of today. */
function representedBy(viewer: Viewer, areaId: string): string[] {
  const person = viewer.personIn(areaId);
  return [
    // Stryker disable next-line ArrayDeclaration: no organisation id is the placeholder a mutant puts in the empty list.
    ...(person?.organisation ? [person.organisation.id] : []),
    // Stryker disable next-line ArrayDeclaration: as above.
    ...viewer.memberships.flatMap((m) => (m.areaId === areaId && m.organisation ? [m.organisation.id] : [])),
  ];
}

/**
 * Whether the viewer represents an organisation in an area: their person record or a seat held
 * today (in any body) refers to it. The conflict-of-interest rule and guarantor organisations ask it.
 */
export function representsOrganisation(viewer: Viewer, areaId: string, organisationId: string): boolean {
  return representedBy(viewer, areaId).includes(organisationId);
}

// Stryker disable next-line ArrayDeclaration: no person id is the placeholder a mutant puts in the empty list.
const peopleOf = (res: Resource, ref: PersonRef): readonly string[] => res.people?.[ref] ?? [];
const bodiesOf = (res: Resource, ref: BodyRef): readonly BodyFacts[] => res.bodies?.[ref] ?? [];

/** Whether a condition holds for the viewer on a record. */
export function holds(cond: Condition, viewer: Viewer, res: Resource): boolean {
  switch (cond.kind) {
    case 'anyone':
      return true;
    case 'signedIn':
      return viewer.isAuthenticated;
    case 'globalAdmin':
      return viewer.isGlobalAdmin;
    case 'areaPerson':
      // Every person and seat has an area: none matches a record of no area.
      return viewer.people.some((p) => p.areaId === res.areaId);
    case 'areaRole':
      return holdsAreaRole(viewer, res.areaId, cond.roles);
    case 'areaSeat':
      return viewer.memberships.some((m) => m.areaId === res.areaId);
    case 'represents': {
      // Stryker disable next-line ArrayDeclaration: no organisation id is the placeholder a mutant puts in the empty list.
      const ids = res.organisations?.[cond.ref] ?? [];
      // Stryker disable next-line ConditionalExpression: with no area, representedBy finds no person and no seat either.
      return res.areaId !== null && representedBy(viewer, res.areaId).some((id) => ids.includes(id));
    }
    case 'self': {
      const ids = peopleOf(res, cond.ref);
      return viewer.people.some((p) => ids.includes(p.id));
    }
    case 'seat':
      return bodiesOf(res, cond.ref).some((b) => seatedIn(viewer, b.id, cond.roles));
    case 'chair':
      return bodiesOf(res, cond.ref).some((b) => chairs(viewer, b.id, cond.power));
    case 'convener':
      return bodiesOf(res, cond.ref).some((b) => convenes(viewer, res.areaId, b));
    case 'minuteTaker':
      return bodiesOf(res, cond.ref).some((b) => takesMinutes(viewer, res.areaId, b));
    case 'flag':
      return res.flags?.[cond.flag] === true;
    case 'all':
      return cond.of.every((c) => holds(c, viewer, res));
    case 'any':
      return cond.of.some((c) => holds(c, viewer, res));
    case 'not':
      return !holds(cond.of, viewer, res);
  }
}

/** Whether the viewer may do `action` on the record. */
export function can(viewer: Viewer, action: Action, res: Resource): boolean {
  return holds(POLICY[action].who, viewer, res);
}

/** Whether the viewer has any standing in the area: a person there, or a global admin. */
export function belongsTo(viewer: Viewer, areaId: string): boolean {
  return viewer.isGlobalAdmin || viewer.people.some((p) => p.areaId === areaId);
}

/** The refusal of `action` as the viewer should see it: NOT_FOUND, UNAUTHENTICATED or FORBIDDEN. */
export function refusal(ctx: RequestContext, action: Action, res: Resource, what: string, id?: string): AppError {
  const row = POLICY[action];
  if ('hidden' in row || (res.areaId !== null && !belongsTo(ctx.viewer, res.areaId) && !holds(row.who, ctx.viewer, res))) {
    return notFound(ctx.locale, what, id);
  }
  if (!ctx.viewer.isAuthenticated) return deny(ctx, ErrorCode.UNAUTHENTICATED, RefusalCode.NOT_SIGNED_IN, { cs: 'Přihlaste se.', en: 'Authentication required.' });
  return deny(ctx, ErrorCode.FORBIDDEN, RefusalCode.NOT_YOUR_ROLE, row.says);
}

/** FORBIDDEN with the policy's words, for a part of a record the viewer sees (a field, not the record). */
export function forbiddenBy(ctx: Pick<RequestContext, 'locale'>, action: Action): AppError {
  return deny(ctx, ErrorCode.FORBIDDEN, RefusalCode.NOT_YOUR_ROLE, POLICY[action].says);
}

function deny(ctx: Pick<RequestContext, 'locale'>, code: ErrorCode, refusalCode: RefusalCode, text: Text): AppError {
  return new AppError(code, localize(text, ctx.locale), {
    ...refusalExtensions(ctx.locale, [{ code: refusalCode, text }]),
    ...(code === ErrorCode.UNAUTHENTICATED ? { http: { status: 401 } } : {}),
  });
}

/**
 * Refuses unless the viewer may do `action` on the record: NOT_FOUND for reads and for another
 * area's records, UNAUTHENTICATED without a token, else FORBIDDEN with the policy's words.
 * `what` and `id` name the record in a NOT_FOUND.
 */
export function authorize(ctx: RequestContext, action: Action, res: Resource, what: string, id?: string): void {
  if (!can(ctx.viewer, action, res)) throw refusal(ctx, action, res, what, id);
}

/** Refuses with NOT_FOUND a record of an area the viewer has no standing in. */
export function assertInArea(ctx: RequestContext, areaId: string, what: string, id?: string): void {
  if (!belongsTo(ctx.viewer, areaId)) throw notFound(ctx.locale, what, id);
}

// ── Judging without a record: the shield ────────────────────────────────────────────────────

type Maybe = boolean | 'unknown';

/**
 * What a condition can be known to be before the record is loaded. Everything that depends on the
 * record's area (roles, seats, being the author) is unknown for a signed-in viewer: a record of an
 * area they have no standing in is NOT_FOUND, which only the service can tell.
 */
function before(cond: Condition, viewer: Viewer): Maybe {
  switch (cond.kind) {
    case 'anyone':
    case 'signedIn':
    case 'globalAdmin':
      // Stryker disable next-line ObjectLiteral: these conditions never read the record.
      return holds(cond, viewer, { areaId: null });
    case 'areaPerson':
    case 'areaRole':
    case 'areaSeat':
    case 'represents':
    case 'self':
    case 'seat':
    case 'chair':
    case 'convener':
    case 'minuteTaker':
      if (cond.kind === 'areaRole' && viewer.isGlobalAdmin && cond.roles.includes(AreaRoleKind.ADMIN)) return true;
      return viewer.isAuthenticated ? 'unknown' : false;
    case 'flag':
      return 'unknown';
    case 'all': {
      const parts = cond.of.map((c) => before(c, viewer));
      return parts.includes(false) ? false : parts.every((p) => p === true) ? true : 'unknown';
    }
    case 'any': {
      const parts = cond.of.map((c) => before(c, viewer));
      return parts.includes(true) ? true : parts.every((p) => p === false) ? false : 'unknown';
    }
    case 'not': {
      const inner = before(cond.of, viewer);
      return inner === 'unknown' ? inner : !inner;
    }
  }
}

/**
 * The shield's question, asked before any record is read: can this viewer possibly be allowed an
 * operation? Refuses only what no record could allow (no token, or no role that could ever
 * qualify), so a refusal here says nothing about any record.
 */
export function mayAttempt(ctx: RequestContext, operation: 'Query' | 'Mutation' | 'Subscription', field: string): true | AppError {
  const mapped = OPERATION_ACTIONS[operation][field];
  if (mapped === undefined) return deny(ctx, ErrorCode.FORBIDDEN, RefusalCode.NOT_YOUR_ROLE, { cs: 'Neznámá operace.', en: 'Unknown operation.' });
  const actions = (mapped === 'anyone' ? [] : Array.isArray(mapped) ? mapped : [mapped]) as Action[];
  // Reads (and subscriptions, which read each event) refused are NOT_FOUND or an empty list, which only the service can give.
  if (operation !== 'Mutation' && actions.every((a) => 'hidden' in POLICY[a])) return true;
  if (actions.some((a) => before(POLICY[a].who, ctx.viewer) !== false)) return true;
  if (!ctx.viewer.isAuthenticated) return deny(ctx, ErrorCode.UNAUTHENTICATED, RefusalCode.NOT_SIGNED_IN, { cs: 'Přihlaste se.', en: 'Authentication required.' });
  return deny(ctx, ErrorCode.FORBIDDEN, RefusalCode.NOT_YOUR_ROLE, POLICY[actions[0]].says);
}

// ── Judging a list: the SQL form ────────────────────────────────────────────────────────────

/**
 * How a resource's references read in SQL, for one table alias. A person or body reference is a
 * function of one `?` placeholder bound to a uuid[] of the viewer's people or bodies.
 */
export interface SqlForm {
  areaId: string;
  people?: Partial<Record<PersonRef, (ids: string) => string>>;
  bodies?: Partial<Record<BodyRef, (ids: string) => string>>;
  flags?: Partial<Record<Flag, string>>;
}

const IDS = '?::uuid[]';

function toSql(cond: Condition, viewer: Viewer, form: SqlForm, params: unknown[]): string {
  const inList = (expr: (ids: string) => string, ids: string[]): string => {
    if (ids.length === 0) return 'false';
    // Bound as one PostgreSQL array literal (the query builder would spread a JS array into a list); ids are UUIDs.
    params.push(`{${ids.join(',')}}`);
    return expr(IDS);
  };
  const missing = (what: string): never => {
    throw new Error(`The policy's SQL form has no ${what}`);
  };
  const areaIn = (ids: string[]) => inList((p) => `${form.areaId} = any(${p})`, [...new Set(ids)]);
  switch (cond.kind) {
    case 'anyone':
      return 'true';
    case 'signedIn':
      return String(viewer.isAuthenticated);
    case 'globalAdmin':
      return String(viewer.isGlobalAdmin);
    case 'areaPerson':
      return areaIn(viewer.people.map((p) => p.areaId));
    case 'areaRole':
      if (viewer.isGlobalAdmin && cond.roles.includes(AreaRoleKind.ADMIN)) return 'true';
      return areaIn(viewer.areaRoles.filter((r) => cond.roles.includes(r.role)).map((r) => r.areaId));
    case 'areaSeat':
      return areaIn(viewer.memberships.map((m) => m.areaId));
    case 'self':
      return inList(form.people?.[cond.ref] ?? missing(`person reference "${cond.ref}"`), viewer.people.map((p) => p.id));
    case 'seat':
      return inList(
        form.bodies?.[cond.ref] ?? missing(`body reference "${cond.ref}"`),
        viewer.memberships.filter((m) => !cond.roles || cond.roles.includes(m.role)).map((m) => m.body.id),
      );
    case 'chair':
      return inList(form.bodies?.[cond.ref] ?? missing(`body reference "${cond.ref}"`), [
        ...viewer.memberships.filter((m) => m.role === MembershipRole.CHAIR).map((m) => m.body.id),
        ...viewer.delegations.filter((d) => d.power === cond.power || d.power === DelegatedPower.CHAIR).map((d) => d.bodyId),
      ]);
    case 'represents':
    case 'convener':
    case 'minuteTaker':
      return missing(`form of "${cond.kind}" (a body's own rules are judged per record)`);
    case 'flag':
      return form.flags?.[cond.flag] ?? missing(`flag "${cond.flag}"`);
    // All of nothing holds, any of nothing does not (as `holds` judges them).
    case 'all':
      return cond.of.length === 0 ? 'true' : `(${cond.of.map((c) => toSql(c, viewer, form, params)).join(' and ')})`;
    case 'any':
      return cond.of.length === 0 ? 'false' : `(${cond.of.map((c) => toSql(c, viewer, form, params)).join(' or ')})`;
    case 'not':
      return `(not ${toSql(cond.of, viewer, form, params)})`;
  }
}

/** A condition as SQL over a table alias, with its bound values in order: the list form of `holds`. */
export function conditionSql(cond: Condition, viewer: Viewer, form: SqlForm): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = toSql(cond, viewer, form, params);
  return { sql, params };
}

/** The rule of `action` as a SQL condition over a table alias, with its bound values in order. */
export function visibleWhere(viewer: Viewer, action: Action, form: SqlForm): { sql: string; params: unknown[] } {
  return conditionSql(POLICY[action].who, viewer, form);
}

/** The same, as a MikroORM filter over the root entity's alias (the bound values do not depend on it). */
export function visibleFilter(viewer: Viewer, action: Action, form: (alias: string) => SqlForm): Record<string, never[]> {
  // Stryker disable next-line StringLiteral: the bound values do not depend on the alias.
  const { params } = visibleWhere(viewer, action, form('e0'));
  return { [raw((alias: string) => visibleWhere(viewer, action, form(alias)).sql, params)]: [] };
}

// ── Acting for a chair ──────────────────────────────────────────────────────────────────────

/**
 * Whose behalf the viewer acts on when allowed `action` only by a delegation: the chair who
 * delegated the power (recorded with the act), or null when the viewer is allowed in their own right.
 */
export function onBehalfOf(viewer: Viewer, action: Action, res: Resource, power: DelegablePower): string | null {
  // Stryker disable next-line ArrayDeclaration: a placeholder string is no delegation (it has no body).
  const own = new Viewer(viewer.subject, viewer.isGlobalAdmin, viewer.people, viewer.areaRoles, viewer.memberships, []);
  if (can(own, action, res) || !can(viewer, action, res)) return null;
  // Stryker disable next-line ArrayDeclaration,LogicalOperator: a body reference is never present but undefined.
  const bodies = new Set(Object.values(res.bodies ?? {}).flatMap((list) => (list ?? []).map((b) => b.id)));
  const held = viewer.delegations.filter((d) => bodies.has(d.bodyId));
  return (held.find((d) => d.power === power) ?? held.find((d) => d.power === DelegatedPower.CHAIR))?.forPersonId ?? null;
}

/**
 * The bodies of a proposal's chain whose chair's power the viewer holds today — as their chair, or
 * by a delegation of the whole chair's power, on behalf of the chair named in it. The workflow's
 * `actorIs` guards judge CHAIR_OF rules on this.
 */
export function chairsOnChain<B extends { id: string }>(viewer: Viewer, chain: readonly B[]): Array<{ body: B; onBehalfOf: string | null }> {
  return chain.flatMap((body) => {
    const power = chairPower(viewer, body.id, DelegatedPower.CHAIR);
    return power.acts ? [{ body, onBehalfOf: power.onBehalfOf }] : [];
  });
}

/** How the viewer holds a chair's power in a body: as its chair, for the chair named, or not at all. */
export function chairPower(viewer: Viewer, bodyId: string, power: DelegablePower): { acts: boolean; onBehalfOf: string | null } {
  if (seatedIn(viewer, bodyId, [MembershipRole.CHAIR])) return { acts: true, onBehalfOf: null };
  const delegation = delegationFor(viewer, bodyId, power);
  return delegation ? { acts: true, onBehalfOf: delegation.forPersonId } : { acts: false, onBehalfOf: null };
}
