import { createHash } from 'node:crypto';
import { LoadStrategy, LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context';
import type { HistoryEvent } from '../data/loaders';
import { Body } from '../entities/body.entity';
import { BodyKind, DECIDED_PHASES, ProposalKind, ProposalOrder, ProposalPhase, type TriadSide } from '../entities/enums';
import { type Person } from '../entities/person.entity';
import { authorize, belongsTo, can, chairsOnChain, representsOrganisation, visibleFilter } from '../auth/authority';
import type { Resource } from '../auth/conditions';
import { PROPOSAL_SQL, proposalResource } from '../auth/resources';
import { RefusalCode, refusal, refusalExtensions, type Refusal } from '../common/refusal';
import { Organisation } from '../entities/organisation.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { Proposal } from '../entities/proposal.entity';
import { WorkflowEvent } from '../entities/workflow-event.entity';
import { AppError, badInput, conflict, ErrorCode, notFound, requireId } from '../errors/app-errors';
import { cutPage, decodedCursor, decodeTimeCursor, encodeCursor, keysetFilter, pageInMemory, pageRequest, readingOrder, type Page, type PageArgs, type PageRequest } from '../common/cursor';
import { localize, type Text } from '../i18n/locale';
import { eventHash, firstBrokenLink, type HashedEvent } from '../workflows/history-hash';
import { closeHearingsOfAdoptedPlan, hearingStanding } from '../data/hearing-standing';
import { bodyOfKind, buildTransitionFacts } from '../workflows/transition-facts';
import { stageOf, transitionOutcome } from '../workflows/transition-outcome';
import { enqueue } from './outbox';
import type { OrganisationService } from './organisation.service';
import type { Decision } from '../workflows/engine';
import type { TransitionDefinition, TransitionInput } from '../workflows/workflow-definition';
import type { TransitionFacts } from '../workflows/workflow-guards';
import type { CompiledWorkflow } from '../workflows/workflow-registry';
import type { WorkflowCatalogueService } from './workflow-catalogue.service';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface CreateProposalCommand {
  workingGroupBodyId: string;
  kind: ProposalKind;
  title: string;
  summary?: string | null;
  text?: string | null;
  concernedOrganisationId?: string | null;
}

export interface UpdateProposalCommand {
  proposalId: string;
  expectedVersion: number;
  kind?: ProposalKind | null;
  title?: string | null;
  summary?: string | null;
  text?: string | null;
  concernedOrganisationId?: string | null;
}

export interface TransitionProposalCommand {
  proposalId: string;
  event: string;
  expectedVersion: number;
  reason?: string | null;
  resolutionNumber?: string | null;
  idempotencyKey?: string | null;
}

export interface ProposalQuery {
  areaId: string;
  state?: string | null;
  bodyId?: string | null;
  kind?: ProposalKind | null;
  text?: string | null;
  phase?: ProposalPhase | null;
  authorPersonId?: string | null;
  authoredByMe?: boolean | null;
  /** Only the proposals the viewer may move now (true) or only those they may not (false). */
  mayAct?: boolean | null;
}

/** When a meeting's adopted resolution fires the event: the meeting, its body, and the sides present. */
export interface ResolutionContext {
  meetingId?: string;
  bodyId?: string;
  votingSides?: TriadSide[];
}

export interface ProposalPage extends Page<Proposal> {
  /** Counts every match; a separate statement, so only run when the client asks for it. */
  totalCount: () => Promise<number>;
}

export interface TransitionOption {
  event: string;
  label: Text;
  target: string;
  /** Why the viewer cannot fire it now; empty when they can (given the required inputs). */
  refusals: Refusal[];
  /** What the viewer must type to fire it. */
  requiredInputs: TransitionInput[];
}

/** Stands for a reason or resolution number the actor will type: available transitions judge everything else. */
const TYPED_WHEN_FIRING = 'typed when firing';

const CARRIED_KINDS: readonly ProposalKind[] = [ProposalKind.PLAN, ProposalKind.PROJECT_INTENT];
const CARRIED_KIND: Text = {
  cs: 'Návrh druhu PLAN vzniká jen se střednědobým plánem a PROJECT_INTENT s projektovým záměrem; druh takového návrhu se nemění a jiný návrh se jím stát nemůže.',
  en: 'A PLAN proposal is born only with its plan and a PROJECT_INTENT one with its project intent; their kind never changes and no other proposal becomes one.',
};

/** The history event of a proposal moved to another workflow version (no definition names an event so: theirs are upper case). */
export const WORKFLOW_MIGRATED = 'workflow:migrated';

const STALE = {
  cs: 'Návrh mezitím změnil někdo jiný; načtěte jej znovu.',
  en: 'The proposal has changed since you loaded it; reload it.',
};

/** The column each order sorts by (then the id), and which way. */
export const PROPOSAL_ORDERS: Record<ProposalOrder, { column: 'createdAt' | 'updatedAt'; direction: 'asc' | 'desc' }> = {
  [ProposalOrder.NEWEST]: { column: 'createdAt', direction: 'desc' },
  [ProposalOrder.OLDEST]: { column: 'createdAt', direction: 'asc' },
  [ProposalOrder.CHANGED_LATEST]: { column: 'updatedAt', direction: 'desc' },
  [ProposalOrder.CHANGED_EARLIEST]: { column: 'updatedAt', direction: 'asc' },
};

/** Cursor of a proposal in a page sorted in `order`. */
export function proposalCursor(p: Proposal, order = ProposalOrder.NEWEST): string {
  return encodeCursor([p[PROPOSAL_ORDERS[order].column].toISOString(), p.id]);
}

/**
 * Proposals and their approval workflow: load → ask the machine → refuse with reasons, or save the
 * new state and append one hash-chained history event in the same transaction.
 */
/** What the author is told besides the stages: what happened, with the reason and the resolution number given. */
function movedBody(action: Text, reason: string | null, resolutionNumber: string | null): Text {
  const cs = [`${action.cs}.`];
  const en = [`${action.en}.`];
  if (reason) {
    cs.push(`Důvod: ${reason}`);
    en.push(`Reason: ${reason}`);
  }
  if (resolutionNumber) {
    cs.push(`Usnesení č. ${resolutionNumber}`);
    en.push(`Resolution no. ${resolutionNumber}`);
  }
  return { cs: cs.join('\n'), en: en.join('\n') };
}

/**
 * What judging a proposal's stage and events reads of it: the entity, or the row of a compiled read
 * (src/reads), so that both are judged by the same code.
 */
export type JudgedProposal = Pick<Proposal, 'id' | 'areaId' | 'kind' | 'title' | 'summary' | 'state' | 'workflowKey' | 'workflowVersion'> & {
  author: { id: string };
  workingGroup: { id: string };
  concernedOrganisation: { id: string } | null;
};

export class ProposalService {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly workflows: WorkflowCatalogueService,
  ) {}

  /** The body chain of a working group: the group, then each body it reports to (all in its area). */
  async chain(ctx: RequestContext, areaId: string, workingGroupId: string): Promise<Body[]> {
    const chain: Body[] = [];
    let next: string | null = workingGroupId;
    while (next && chain.length < 10) {
      const body: Body | null = await ctx.loaders.bodyOfArea(areaId, next);
      if (!body) break;
      chain.push(body);
      next = body.reportsTo?.id ?? null;
    }
    return chain;
  }

  /**
   * The workflow the proposal runs on: its definition's key and the version it started with.
   * Synchronous when this process has compiled that version (the usual case), so that the fields
   * of a page of proposals load within one batch of their loaders; read from the database once
   * when another process published it.
   */
  private workflowOf(ctx: RequestContext, p: Pick<Proposal, 'workflowKey' | 'workflowVersion'>): CompiledWorkflow | Promise<CompiledWorkflow> {
    if (ctx.workflows.has(p.workflowKey, p.workflowVersion)) return ctx.workflows.get(p.workflowKey, p.workflowVersion);
    return this.workflows.of(ctx, { key: p.workflowKey, version: p.workflowVersion });
  }

  /** Whether the proposal has been decided (approved, rejected, withdrawn). */
  isDecided(p: Proposal): boolean {
    return DECIDED_PHASES.includes(p.phase);
  }

  stageLabel(ctx: RequestContext, p: Pick<Proposal, 'state' | 'workflowKey' | 'workflowVersion'>): Text | Promise<Text> {
    const label = (w: CompiledWorkflow): Text => w.definition.stages.find((s) => s.key === p.state)?.label ?? { cs: p.state, en: p.state };
    const workflow = this.workflowOf(ctx, p);
    return workflow instanceof Promise ? workflow.then(label) : label(workflow);
  }

  /** The proposal as the policy sees it: its author, bodies, the bodies in its history, its chain. */
  async resource(ctx: RequestContext, p: Proposal, chain?: Body[]): Promise<Resource> {
    const handledBodyIds = await ctx.loaders.handledBodiesByProposal.load({ areaId: p.areaId, id: p.id });
    const wg = p.phase === ProposalPhase.APPROVED ? await ctx.loaders.bodyOfArea(p.areaId, p.workingGroup.id) : null;
    return proposalResource(p, {
      handledBodyIds,
      workingGroupPublic: wg?.isPublic === true,
      chain,
    });
  }

  async canSee(ctx: RequestContext, p: Proposal): Promise<boolean> {
    return can(ctx.viewer, 'proposal.read', await this.resource(ctx, p));
  }

  async get(ctx: RequestContext, id: string): Promise<Proposal> {
    requireId(ctx.locale, 'id', id);
    const p = await ctx.loaders.proposalById.load(id);
    if (!p || !(await this.canSee(ctx, p))) throw notFound(ctx.locale, 'Proposal', id);
    return p;
  }

  async page(ctx: RequestContext, filter: ProposalQuery, args: PageArgs, order = ProposalOrder.NEWEST): Promise<ProposalPage> {
    const request = pageRequest(ctx, args);
    const cursor = decodedCursor(request, (c, field) => decodeTimeCursor(ctx, c, field));
    // The same rule that judges one proposal (proposal.read), as SQL over the page's rows; a raw
    // fragment serves one query only, so each query gets its own.
    const visible = (): FilterQuery<Proposal> => visibleFilter(ctx.viewer, 'proposal.read', PROPOSAL_SQL);
    const and: Array<FilterQuery<Proposal>> = [{ areaId: filter.areaId }];
    if (filter.state) and.push({ state: filter.state });
    if (filter.kind) and.push({ kind: filter.kind });
    if (filter.phase) and.push({ phase: filter.phase });
    if (filter.authorPersonId) and.push({ author: filter.authorPersonId });
    if (filter.authoredByMe) {
      const me = ctx.viewer.personIn(filter.areaId);
      // Someone with no person record in the area has authored nothing there.
      if (!me) return { ...cutPage(request, []), totalCount: () => Promise.resolve(0) };
      and.push({ author: me.id });
    }
    if (filter.bodyId) and.push({ $or: [{ workingGroup: filter.bodyId }, { currentBody: filter.bodyId }] });
    if (filter.text) {
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      and.push({ $or: [{ title: { $ilike: like } }, { summary: { $ilike: like } }] });
    }
    const { column, direction } = PROPOSAL_ORDERS[order];
    if (filter.mayAct != null) {
      // A decided proposal has no event left: none of them is judged to be movable.
      if (filter.mayAct) and.push({ phase: { $nin: [...DECIDED_PHASES] } });
      return this.judgedPage(ctx, { $and: [...and, visible()] }, filter.mayAct, request, cursor, order);
    }
    const matching = [...and];
    const totalCount = () => ctx.em.count(Proposal, { $and: [...matching, visible()] });
    if (cursor) and.push(keysetFilter(request, direction, column, cursor));
    const reading = readingOrder(request, direction).order;
    // The authors come in the same statement (a join): every list shows them.
    const rows = await ctx.em.find(
      Proposal,
      { $and: [...and, visible()] },
      { orderBy: { [column]: reading, id: reading }, limit: request.size + 1, populate: ['author'], strategy: LoadStrategy.JOINED },
    );
    return { ...cutPage(request, rows), totalCount };
  }

  /**
   * A page of the proposals the viewer may (or may not) move now. Whether they may is the engine's
   * judgment (`movable`), which no SQL can repeat: every match is read in one statement and judged
   * with the page's loaders (the same few statements for 5 matches or 500), then paged here.
   */
  private async judgedPage(
    ctx: RequestContext,
    where: FilterQuery<Proposal>,
    mayAct: boolean,
    request: PageRequest,
    cursor: [Date, string] | null,
    order: ProposalOrder,
  ): Promise<ProposalPage> {
    const { column, direction } = PROPOSAL_ORDERS[order];
    const rows = await ctx.em.find(Proposal, where, { orderBy: { [column]: direction, id: direction }, populate: ['author'], strategy: LoadStrategy.JOINED });
    const moves = await Promise.all(rows.map((p) => this.movable(ctx, p)));
    const judged = rows.filter((_p, i) => moves[i].length > 0 === mayAct);
    const page = pageInMemory(request, judged, cursor, (p, [atDate, id]) => {
      // Where the proposal lies from the cursor in ascending time, then turned to the list's order.
      const byTime = p[column].getTime() - atDate.getTime();
      const ascending = byTime !== 0 ? byTime : p.id < id ? -1 : p.id > id ? 1 : 0;
      return direction === 'desc' ? -ascending : ascending;
    });
    return { ...page, totalCount: () => Promise.resolve(judged.length) };
  }

  /**
   * Drafts a proposal. A PLAN or PROJECT_INTENT proposal is what a plan or a project intent carries:
   * it is born with it (`carries`), never typed in, so the kind cannot stand for something it is not.
   */
  /**
   * A new proposal in a working group. A plan's or an intent's proposal (`carries`) is born in a
   * working group of the record's own area (`inArea`): another area's group is NOT_FOUND.
   */
  async create(ctx: RequestContext, input: CreateProposalCommand, carries?: 'plan' | 'projectIntent', inArea?: string): Promise<Proposal> {
    const group = await ctx.em.findOne(Body, { id: input.workingGroupBodyId });
    if (!group || !belongsTo(ctx.viewer, group.areaId) || (inArea !== undefined && group.areaId !== inArea)) throw notFound(ctx.locale, 'Body', input.workingGroupBodyId);
    if (group.kind !== BodyKind.WORKING_GROUP) {
      throw badInput(ctx.locale, [
        { field: 'workingGroupBodyId', text: { cs: 'Návrh vzniká v pracovní skupině.', en: 'A proposal is born in a working group.' } },
      ]);
    }
    if (!carries && CARRIED_KINDS.includes(input.kind)) throw badInput(ctx.locale, [{ field: 'kind', text: CARRIED_KIND }]);
    authorize(ctx, 'proposal.create', { areaId: group.areaId, bodies: { workingGroup: [{ id: group.id }] } }, 'Body', group.id);
    const author = ctx.viewer.personIn(group.areaId) as Person;
    if (input.concernedOrganisationId) await this.organisations.requireInArea(ctx, group.areaId, input.concernedOrganisationId);
    const area = await ctx.em.findOneOrFail(PlanningArea, { id: group.areaId });
    const newest = await this.workflows.newest(ctx, area.workflowKey);
    if (!newest) throw new Error(`Area ${area.id} runs on workflow ${area.workflowKey}, which has no published version`);
    const { definition, engine } = newest;
    const start = engine.start();
    return ctx.em.transactional(async (em) => {
      const { workingGroupBodyId: _group, concernedOrganisationId, ...content } = input;
      const p = em.create(Proposal, {
        ...content,
        areaId: group.areaId,
        workingGroup: em.getReference(Body, group.id),
        author: author.id,
        concernedOrganisation: concernedOrganisationId ?? null,
        state: start.state,
        phase: stageOf(definition, start.state).phase,
        currentBody: null,
        workflowKey: definition.key,
        workflowVersion: definition.version,
        snapshot: start.snapshot,
      });
      await em.flush();
      return p;
    });
  }

  async update(ctx: RequestContext, input: UpdateProposalCommand): Promise<Proposal> {
    const found = await this.get(ctx, input.proposalId);
    const resource = await this.resource(ctx, found);
    authorize(ctx, 'proposal.update', resource, 'Proposal', found.id);
    const concerned = found.concernedOrganisation?.id ?? null;
    if (input.concernedOrganisationId !== undefined && input.concernedOrganisationId !== concerned) {
      const named = [concerned, input.concernedOrganisationId].filter((id): id is string => id !== null);
      authorize(ctx, 'proposal.changeConcernedOrganisation', { ...resource, organisations: { concerned: named } }, 'Proposal', found.id);
    }
    // What a proposal is stays what it was born as: a plan's or an intent's proposal keeps its kind,
    // and no other proposal becomes one (the council could otherwise adopt a plan, or a plan lose the assembly).
    if (input.kind != null && input.kind !== found.kind && (CARRIED_KINDS.includes(found.kind) || CARRIED_KINDS.includes(input.kind))) {
      throw badInput(ctx.locale, [{ field: 'kind', text: CARRIED_KIND }]);
    }
    if (input.title === null) {
      throw badInput(ctx.locale, [{ field: 'title', text: { cs: 'Název nelze smazat.', en: 'The title cannot be cleared.' } }]);
    }
    if (input.concernedOrganisationId) await this.organisations.requireInArea(ctx, found.areaId, input.concernedOrganisationId);
    return ctx.em.transactional(async (em) => {
      const p = await em.findOneOrFail(Proposal, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (p.version !== input.expectedVersion) throw conflict(ctx.locale, STALE, { currentVersion: p.version });
      if (p.phase !== ProposalPhase.DRAFT) {
        throw new AppError(ErrorCode.TRANSITION_NOT_ALLOWED, localize({ cs: 'Upravit lze jen koncept.', en: 'Only a draft can be edited.' }, ctx.locale), {
          ...refusalExtensions(ctx.locale, [refusal(RefusalCode.STATUS_NOT_ALLOWED, { cs: 'Návrh už není koncept.', en: 'The proposal is no longer a draft.' })]),
        });
      }
      if (input.kind !== undefined && input.kind !== null) p.kind = input.kind;
      if (input.title !== undefined && input.title !== null) p.title = input.title;
      if (input.summary !== undefined) p.summary = input.summary;
      if (input.text !== undefined) p.text = input.text;
      if (input.concernedOrganisationId !== undefined) {
        p.concernedOrganisation = input.concernedOrganisationId ? em.getReference(Organisation, input.concernedOrganisationId) : null;
      }
      p.version += 1;
      await em.flush();
      return p;
    });
  }

  /** The facts for the viewer acting on `p` now; `reason` and `resolutionNumber` as supplied. */
  private async facts(
    ctx: RequestContext,
    p: JudgedProposal,
    chain: Body[],
    reason: string | null,
    resolutionNumber: string | null,
    votingSides?: TriadSide[],
  ): Promise<TransitionFacts> {
    const person = ctx.viewer.personIn(p.areaId);
    const hearings = p.kind === ProposalKind.PLAN ? await ctx.loaders.hearingStanding.load(p.id) : { unanswered: 0, open: 0 };
    return buildTransitionFacts({
      proposal: { kind: p.kind, title: p.title, summary: p.summary, authorId: p.author.id, concernedOrganisationId: p.concernedOrganisation?.id ?? null },
      actorPersonId: person?.id ?? null,
      actorSideInWorkingGroup: ctx.viewer.seatIn(p.workingGroup.id)?.triadSide ?? null,
      actorAreaRoles: ctx.viewer.rolesIn(p.areaId),
      chain,
      actorRepresentsConcerned: p.concernedOrganisation !== null && representsOrganisation(ctx.viewer, p.areaId, p.concernedOrganisation.id),
      actorChairOf: chairsOnChain(ctx.viewer, chain).map((c) => ({
        bodyKind: c.body.kind,
        side: ctx.viewer.seatIn(c.body.id)?.triadSide ?? null,
        onBehalfOf: c.onBehalfOf,
      })),
      votingSides: votingSides ?? (await ctx.loaders.votingSides(p.workingGroup.id, ctx.today)),
      reason,
      resolutionNumber,
      unansweredHearingComments: hearings.unanswered,
      openHearings: hearings.open,
    });
  }

  /**
   * Every event of the current stage: why the viewer cannot fire it now (empty when they can), and
   * what they must type to fire it. A missing reason or resolution number is not a refusal here:
   * the button stays and asks for it.
   */
  async available(ctx: RequestContext, p: JudgedProposal): Promise<TransitionOption[]> {
    const known = this.workflowOf(ctx, p);
    const { engine } = known instanceof Promise ? await known : known;
    if (engine.transitionsFrom(p.state).length === 0) return [];
    const facts = await this.facts(ctx, p, await this.chain(ctx, p.areaId, p.workingGroup.id), TYPED_WHEN_FIRING, TYPED_WHEN_FIRING);
    return engine.options(p.state, facts).map(({ transition: t, refusals, inputs }) => ({
      event: t.event,
      label: t.label,
      target: t.to,
      refusals,
      requiredInputs: inputs,
    }));
  }

  /**
   * The events the viewer may fire on `p` now, given the inputs each asks for: the options of
   * `available` without a refusal, when the policy lets the viewer act on the proposal at all
   * (proposal.transition) — what the mutation would allow.
   */
  async movable(ctx: RequestContext, p: Proposal): Promise<TransitionOption[]> {
    const allowed = (await this.available(ctx, p)).filter((o) => o.refusals.length === 0);
    if (allowed.length === 0) return [];
    const chain = await this.chain(ctx, p.areaId, p.workingGroup.id);
    return can(ctx.viewer, 'proposal.transition', await this.resource(ctx, p, chain)) ? allowed : [];
  }

  /** Whether the proposal is on the viewer's desk as theirs to follow (proposal.follow: its author, its working group's chair). */
  async follows(ctx: RequestContext, p: Proposal): Promise<boolean> {
    return can(ctx.viewer, 'proposal.follow', await this.resource(ctx, p));
  }

  /** Fires a workflow event in a transaction of its own. */
  async transition(ctx: RequestContext, input: TransitionProposalCommand): Promise<Proposal> {
    const commit = await this.prepareTransition(ctx, input);
    const moved = await ctx.em.transactional(commit);
    // The history read while checking visibility is one event short now.
    ctx.loaders.forgetHistory(moved.id);
    return moved;
  }

  /**
   * Reads everything a transition judges, before any transaction, and returns the step to run
   * inside one: it locks the proposal, checks that it has not moved since, and saves the new state
   * with its history event, on the transaction's connection alone (a second connection taken
   * while a transaction holds one can run a busy pool dry). When a meeting's adopted resolution
   * fires the event, the triad rule is judged on that meeting's attendance and the history links
   * the meeting.
   */
  async prepareTransition(
    ctx: RequestContext,
    input: TransitionProposalCommand,
    via?: ResolutionContext,
  ): Promise<(em: EntityManager) => Promise<Proposal>> {
    const visible = await this.get(ctx, input.proposalId);
    const reason = input.reason ?? null;
    const resolutionNumber = input.resolutionNumber ?? null;
    const requestHash = createHash('sha256')
      .update(JSON.stringify([input.proposalId, input.event, input.expectedVersion, reason, resolutionNumber]))
      .digest('hex');

    // Everything the guards judge is loaded before the transaction, which then holds one
    // connection only: lock, check the version, save, append.
    const chain = await this.chain(ctx, visible.areaId, visible.workingGroup.id);
    // Who may act on the proposal at all is the policy's; which events each of them may fire, the definition's.
    authorize(ctx, 'proposal.transition', await this.resource(ctx, visible, chain), 'Proposal', visible.id);
    const person = ctx.viewer.personIn(visible.areaId) as Person;
    const facts = await this.facts(ctx, visible, chain, reason, resolutionNumber, via?.votingSides);
    const known = this.workflowOf(ctx, visible);
    const workflow = known instanceof Promise ? await known : known;
    if (via?.bodyId && visible.currentBody?.id !== via.bodyId) {
      throw new AppError(
        ErrorCode.TRANSITION_NOT_ALLOWED,
        localize({ cs: 'Tento orgán návrh teď neprojednává.', en: 'This body does not handle the proposal at its current stage.' }, ctx.locale),
        refusalExtensions(ctx.locale, [refusal(RefusalCode.NOT_THIS_BODY, { cs: 'Usnesení jiného orgánu návrh neposune.', en: "Another body's resolution cannot move the proposal." })]),
      );
    }

    return async (em: EntityManager) => {
      const p = await em.findOneOrFail(Proposal, { id: visible.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (input.idempotencyKey) {
        const earlier = await em.findOne(WorkflowEvent, { areaId: p.areaId, actorId: person.id, idempotencyKey: input.idempotencyKey });
        if (earlier) {
          if (earlier.requestHash === requestHash && earlier.proposalId === p.id) return p;
          throw conflict(ctx.locale, {
            cs: 'Tento klíč opakování už byl použit pro jiný požadavek.',
            en: 'This idempotency key was already used for a different request.',
          });
        }
      }
      // The facts were judged on `visible`; a proposal that moved meanwhile is stale as well.
      if (p.version !== input.expectedVersion || p.version !== visible.version) {
        throw conflict(ctx.locale, STALE, { currentVersion: p.version });
      }
      // The hearing rule is judged again under the row lock: a hearing opened, or a comment taken,
      // since the facts were read takes this proposal's lock first, so it is seen here.
      if (p.kind === ProposalKind.PLAN) {
        const standing = await hearingStanding(em, p);
        facts.unansweredHearingComments = standing.unanswered;
        facts.openHearings = standing.open;
      }
      const decision = workflow.engine.decide(p.snapshot, input.event, facts);
      if (!decision.allowed) {
        const unavailable = decision.refusals.some((r) => r.code === RefusalCode.EVENT_NOT_AVAILABLE);
        throw new AppError(
          ErrorCode.TRANSITION_NOT_ALLOWED,
          localize(
            unavailable
              ? { cs: `Událost ${input.event} nelze ve fázi ${p.state} použít.`, en: `Event ${input.event} is not available in stage ${p.state}.` }
              : { cs: 'Tuto akci teď nelze provést.', en: 'This action is not allowed now.' },
            ctx.locale,
          ),
          refusalExtensions(ctx.locale, decision.refusals),
        );
      }
      await this.apply(em, ctx, p, workflow, decision, chain, {
        actorId: person.id,
        reason,
        resolutionNumber,
        idempotencyKey: input.idempotencyKey ?? null,
        requestHash,
        meetingId: via?.meetingId ?? null,
      });
      return p;
    };
  }

  /** Saves what was decided and appends the history event; the caller holds the row lock. */
  private async apply(
    em: EntityManager,
    ctx: RequestContext,
    p: Proposal,
    workflow: CompiledWorkflow,
    decision: Extract<Decision<TransitionDefinition>, { allowed: true }>,
    chain: Body[],
    extra: {
      actorId: string;
      reason: string | null;
      resolutionNumber: string | null;
      idempotencyKey: string | null;
      requestHash: string;
      meetingId: string | null;
    },
  ): Promise<void> {
    const def = workflow.definition;
    const outcome = transitionOutcome(def, decision.transition, decision.from, chain, extra.resolutionNumber);
    await this.appendEvent(
      em,
      p,
      {
        event: decision.transition.event,
        fromState: decision.from,
        toState: decision.to,
        actorId: extra.actorId,
        actorRole: decision.actingAs.role,
        actorTriadSide: decision.actingAs.side,
        bodyId: outcome.decidingBodyId,
        meetingId: extra.meetingId,
        reason: extra.reason,
        resolutionNumber: extra.resolutionNumber,
        occurredAt: ctx.now,
        onBehalfOfId: decision.actingAs.onBehalfOf,
      },
      { idempotencyKey: extra.idempotencyKey, requestHash: extra.requestHash },
    );
    const label = (key: string): Text => def.stages.find((s) => s.key === key)?.label ?? { cs: key, en: key };
    const [from, to] = [label(decision.from), label(decision.to)];
    p.record(outcome, decision.snapshot, ctx.now, (id) => em.getReference(Body, id));
    await em.flush();
    if (p.kind === ProposalKind.PLAN && p.phase === ProposalPhase.APPROVED) await closeHearingsOfAdoptedPlan(em, p, ctx.now);
    if (p.author.id !== extra.actorId) {
      await enqueue(em, p.areaId, {
        kind: 'PROPOSAL_MOVED',
        subjectId: p.id,
        title: { cs: `Návrh „${p.title}“: ${from.cs} → ${to.cs}`, en: `Proposal "${p.title}": ${from.en} → ${to.en}` },
        body: movedBody(decision.transition.label, extra.reason, extra.resolutionNumber),
        recipients: [p.author.id],
      });
    }
  }

  /** Appends one event to the proposal's history, chained to the one before it; the caller holds the row lock. */
  private async appendEvent(
    em: EntityManager,
    p: Proposal,
    e: Omit<HashedEvent, 'proposalId' | 'seq'>,
    extra: { idempotencyKey: string | null; requestHash: string | null } = { idempotencyKey: null, requestHash: null },
  ): Promise<void> {
    const last = await em.findOne(WorkflowEvent, { proposalId: p.id }, { orderBy: { seq: 'desc' } });
    const hashed: HashedEvent = { ...e, proposalId: p.id, seq: (last?.seq ?? 0) + 1 };
    const prevHash = last?.hash ?? null;
    em.create(WorkflowEvent, { ...hashed, areaId: p.areaId, ...extra, prevHash, hash: eventHash(prevHash, hashed) });
  }

  /**
   * Moves a proposal in flight to another published workflow version, into `target` (a stage of
   * the same phase), as an event of its history: who, why, from which version to which. The caller
   * decided it may (the policy, the state map) and holds the row lock.
   */
  async moveToVersion(em: EntityManager, ctx: RequestContext, p: Proposal, to: CompiledWorkflow, target: string, actorId: string, reason: string): Promise<void> {
    const chain = await this.chain(ctx, p.areaId, p.workingGroup.id);
    const stage = stageOf(to.definition, target);
    const nextBody = stage.bodyKind ? bodyOfKind(chain, stage.bodyKind) : undefined;
    await this.appendEvent(em, p, {
      event: WORKFLOW_MIGRATED,
      fromState: p.state,
      toState: target,
      actorId,
      actorRole: 'ADMIN',
      actorTriadSide: null,
      bodyId: null,
      meetingId: null,
      reason,
      resolutionNumber: null,
      occurredAt: ctx.now,
      onBehalfOfId: null,
      workflowChange: `${p.workflowKey}@${p.workflowVersion} → ${to.definition.key}@${to.definition.version}`,
    });
    p.workflowKey = to.definition.key;
    p.workflowVersion = to.definition.version;
    p.state = target;
    p.phase = stage.phase;
    p.snapshot = to.engine.snapshotAt(target);
    p.currentBody = nextBody ? em.getReference(Body, nextBody.id) : null;
    p.version += 1;
    await em.flush();
  }

  /** The history, oldest first; with `last`, only the newest that many events. */
  async history(ctx: RequestContext, p: Pick<Proposal, 'id'>, last?: number): Promise<HistoryEvent[]> {
    return last === undefined ? ctx.loaders.eventsByProposal.load(p.id) : ctx.loaders.lastEvents(p.id, last);
  }

  async verify(ctx: RequestContext, proposalId: string): Promise<{ valid: boolean; checkedEvents: number; firstBrokenSeq: number | null }> {
    const p = await this.get(ctx, proposalId);
    // Read straight from the table, bypassing the identity map, so a change made behind the service's back shows.
    const events = await ctx.em.fork().find(WorkflowEvent, { proposalId: p.id }, { orderBy: { seq: 'asc' } });
    const broken = firstBrokenLink(events);
    return { valid: broken === null, checkedEvents: events.length, firstBrokenSeq: broken };
  }
}
