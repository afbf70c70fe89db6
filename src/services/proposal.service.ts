import { createHash } from 'node:crypto';
import { LoadStrategy, LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { initialTransition, transition as machineTransition } from 'xstate';
import type { RequestContext } from '../context';
import type { HistoryEvent } from '../loaders';
import { Body } from '../entities/body.entity';
import { AreaRoleKind, BodyKind, MembershipRole, ProposalKind, type TriadSide } from '../entities/enums';
import { PlanningArea } from '../entities/planning-area.entity';
import { Proposal } from '../entities/proposal.entity';
import { WorkflowEvent } from '../entities/workflow-event.entity';
import { AppError, badInput, conflict, ErrorCode, forbidden, notFound, requireId } from '../errors/app-errors';
import { assertPageSize, decodeTimeCursor, encodeCursor } from '../common/cursor';
import { localize, type Text } from '../i18n/locale';
import type { CreateProposalInput, ProposalFilter, TransitionProposalInput, UpdateProposalInput } from '../schema/proposal.input';
import { eventHash, firstBrokenLink } from '../workflows/history-hash';
import { bodyOfKind, buildTransitionFacts } from '../workflows/transition-facts';
import { applyOutcome, transitionOutcome } from '../workflows/transition-outcome';
import { enqueue } from './outbox';
import type { ActorRule, TransitionDefinition, WorkflowDefinition } from '../workflows/workflow-definition';
import { checkGuard, type TransitionFacts } from '../workflows/workflow-guards';
import { compiledWorkflow, latestCompiledWorkflow } from '../workflows/workflow-registry';

export interface ProposalPage {
  items: Proposal[];
  hasNextPage: boolean;
  /** Counts every match; a separate statement, so only run when the client asks for it. */
  totalCount: () => Promise<number>;
}

export interface TransitionOption {
  event: string;
  label: Text;
  target: string;
  reasons: Text[];
}

const STALE = {
  cs: 'Návrh mezitím změnil někdo jiný; načtěte jej znovu.',
  en: 'The proposal has changed since you loaded it; reload it.',
};

/** Cursor of a proposal in a page sorted newest first. */
export function proposalCursor(p: Proposal): string {
  return encodeCursor([p.createdAt.toISOString(), p.id]);
}

/**
 * Proposals and their approval workflow: load → ask the machine → refuse with reasons, or save the
 * new state and append one hash-chained history event in the same transaction.
 */
export class ProposalService {
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

  private definitionOf(p: Proposal): WorkflowDefinition {
    return compiledWorkflow(p.workflowKey, p.workflowVersion).definition;
  }

  stageLabel(p: Proposal): Text {
    return this.definitionOf(p).stages.find((s) => s.key === p.state)?.label ?? { cs: p.state, en: p.state };
  }

  /** Bodies whose members may see the proposal once it left the draft: the ones that handled it and the current one. */
  private async handledBodyIds(ctx: RequestContext, p: Proposal): Promise<Set<string>> {
    const events = await ctx.loaders.eventsByProposal.load(p.id);
    const ids = new Set(events.flatMap((e) => (e.bodyId ? [e.bodyId] : [])));
    if (p.currentBody) ids.add(p.currentBody.id);
    ids.add(p.workingGroup.id);
    return ids;
  }

  async canSee(ctx: RequestContext, p: Proposal): Promise<boolean> {
    const { viewer } = ctx;
    if (viewer.managesArea(p.areaId) || viewer.isSelf(p.author.id)) return true;
    if (viewer.membershipIn(p.workingGroup.id)) return true;
    if (p.state === 'DRAFT') return false;
    if (viewer.hasAreaRole(p.areaId, AreaRoleKind.SUPPORT, AreaRoleKind.CLERK)) return true;
    const handled = await this.handledBodyIds(ctx, p);
    if (viewer.memberships.some((m) => handled.has(m.body.id))) return true;
    if (p.state === 'APPROVED') {
      const wg = await ctx.loaders.bodyOfArea(p.areaId, p.workingGroup.id);
      return wg?.isPublic === true;
    }
    return false;
  }

  async get(ctx: RequestContext, id: string): Promise<Proposal> {
    requireId(ctx.locale, 'id', id);
    const p = await ctx.loaders.proposalById.load(id);
    if (!p || !(await this.canSee(ctx, p))) throw notFound(ctx.locale, 'Proposal', id);
    return p;
  }

  /** The visibility rules of `canSee` as one filter, for lists. */
  private async visibleFilter(ctx: RequestContext, areaId: string): Promise<FilterQuery<Proposal> | null> {
    const { viewer } = ctx;
    if (viewer.managesArea(areaId)) return {};
    const personIds = viewer.people.filter((p) => p.areaId === areaId).map((p) => p.id);
    const bodyIds = viewer.memberships.filter((m) => m.areaId === areaId).map((m) => m.body.id);
    const or: Array<FilterQuery<Proposal>> = [{ state: 'APPROVED', workingGroup: { isPublic: true } }];
    if (personIds.length) or.push({ author: { $in: personIds } });
    if (bodyIds.length) {
      or.push({ workingGroup: { $in: bodyIds } });
      or.push({ state: { $ne: 'DRAFT' }, currentBody: { $in: bodyIds } });
      const handled = await ctx.em.find(WorkflowEvent, { areaId, bodyId: { $in: bodyIds } }, { fields: ['proposalId'] });
      if (handled.length) or.push({ state: { $ne: 'DRAFT' }, id: { $in: [...new Set(handled.map((e) => e.proposalId))] } });
    }
    if (viewer.hasAreaRole(areaId, AreaRoleKind.SUPPORT, AreaRoleKind.CLERK)) or.push({ state: { $ne: 'DRAFT' } });
    return { $or: or };
  }

  async page(ctx: RequestContext, filter: ProposalFilter, first: number, after: string | null): Promise<ProposalPage> {
    assertPageSize(ctx, first);
    const visible = await this.visibleFilter(ctx, filter.areaId);
    const and: Array<FilterQuery<Proposal>> = [{ areaId: filter.areaId }];
    if (visible) and.push(visible);
    if (filter.state) and.push({ state: filter.state });
    if (filter.kind) and.push({ kind: filter.kind });
    if (filter.bodyId) and.push({ $or: [{ workingGroup: filter.bodyId }, { currentBody: filter.bodyId }] });
    if (filter.text) {
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      and.push({ $or: [{ title: { $ilike: like } }, { summary: { $ilike: like } }] });
    }
    const matching = [...and];
    const totalCount = () => ctx.em.count(Proposal, { $and: matching });
    if (after) {
      const [atDate, id] = decodeTimeCursor(ctx, after);
      and.push({ $or: [{ createdAt: { $lt: atDate } }, { createdAt: atDate, id: { $lt: id } }] });
    }
    // The authors come in the same statement (a join): every list shows them.
    const rows = await ctx.em.find(
      Proposal,
      { $and: and },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1, populate: ['author'], strategy: LoadStrategy.JOINED },
    );
    return { items: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
  }

  async create(ctx: RequestContext, input: CreateProposalInput): Promise<Proposal> {
    const group = await ctx.em.findOne(Body, { id: input.workingGroupId });
    if (!group || !ctx.viewer.belongsTo(group.areaId)) throw notFound(ctx.locale, 'Body', input.workingGroupId);
    if (group.kind !== BodyKind.WORKING_GROUP) {
      throw badInput(ctx.locale, [
        { field: 'workingGroupId', text: { cs: 'Návrh vzniká v pracovní skupině.', en: 'A proposal is born in a working group.' } },
      ]);
    }
    const author = ctx.viewer.personIn(group.areaId);
    if (!author || !(ctx.viewer.membershipIn(group.id) || ctx.viewer.managesArea(group.areaId))) {
      throw forbidden(ctx.locale, {
        cs: 'Návrh zakládá člen pracovní skupiny nebo koordinátor.',
        en: 'A member of the working group or the coordinator creates proposals.',
      });
    }
    const area = await ctx.em.findOneOrFail(PlanningArea, { id: group.areaId });
    const { definition, machine } = latestCompiledWorkflow(area.workflowKey);
    const [initial] = initialTransition(machine);
    return ctx.em.transactional(async (em) => {
      const p = em.create(Proposal, {
        areaId: group.areaId,
        workingGroup: em.getReference(Body, group.id),
        author: author.id,
        kind: input.kind,
        title: input.title,
        summary: input.summary ?? null,
        text: input.text ?? null,
        concernedOrganisation: input.concernedOrganisation ?? null,
        state: definition.initial,
        currentBody: null,
        workflowKey: definition.key,
        workflowVersion: definition.version,
        snapshot: machine.getPersistedSnapshot(initial),
      });
      await em.flush();
      return p;
    });
  }

  async update(ctx: RequestContext, input: UpdateProposalInput): Promise<Proposal> {
    const found = await this.get(ctx, input.id);
    const isChair = ctx.viewer.membershipIn(found.workingGroup.id, MembershipRole.CHAIR) !== undefined;
    if (!ctx.viewer.isSelf(found.author.id) && !isChair) {
      throw forbidden(ctx.locale, { cs: 'Návrh upravuje jeho autor nebo předseda skupiny.', en: 'Only the author or the group chair edits a proposal.' });
    }
    if (input.title === null) {
      throw badInput(ctx.locale, [{ field: 'title', text: { cs: 'Název nelze smazat.', en: 'The title cannot be cleared.' } }]);
    }
    return ctx.em.transactional(async (em) => {
      const p = await em.findOneOrFail(Proposal, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (p.version !== input.expectedVersion) throw conflict(ctx.locale, STALE, { currentVersion: p.version });
      if (p.state !== 'DRAFT') {
        throw new AppError(ErrorCode.TRANSITION_NOT_ALLOWED, localize({ cs: 'Upravit lze jen koncept.', en: 'Only a draft can be edited.' }, ctx.locale), {
          reasons: [localize({ cs: 'Návrh už není koncept.', en: 'The proposal is no longer a draft.' }, ctx.locale)],
        });
      }
      if (input.kind !== undefined && input.kind !== null) p.kind = input.kind;
      if (input.title !== undefined) p.title = input.title;
      if (input.summary !== undefined) p.summary = input.summary;
      if (input.text !== undefined) p.text = input.text;
      if (input.concernedOrganisation !== undefined) p.concernedOrganisation = input.concernedOrganisation;
      p.version += 1;
      await em.flush();
      return p;
    });
  }

  /** The facts for the viewer acting on `p` now; `reason` and `resolutionNumber` as supplied. */
  private async facts(
    ctx: RequestContext,
    p: Proposal,
    chain: Body[],
    reason: string | null,
    resolutionNumber: string | null,
    votingSides?: TriadSide[],
  ): Promise<TransitionFacts> {
    const person = ctx.viewer.personIn(p.areaId);
    const unansweredHearingComments = p.kind === ProposalKind.PLAN ? await ctx.loaders.unansweredHearingComments.load(p.id) : 0;
    return buildTransitionFacts({
      proposal: { kind: p.kind, title: p.title, summary: p.summary, authorId: p.author.id, concernedOrganisation: p.concernedOrganisation },
      actorPersonId: person?.id ?? null,
      actorOrganisation: person?.organisation ?? null,
      actorAreaRoles: ctx.viewer.rolesIn(p.areaId),
      chain,
      actorSeats: ctx.viewer.memberships,
      votingSides: votingSides ?? (await ctx.loaders.votingSides(p.workingGroup.id, ctx.today)),
      reason,
      resolutionNumber,
      unansweredHearingComments,
    });
  }

  private transitionsFrom(p: Proposal): TransitionDefinition[] {
    return this.definitionOf(p).transitions.filter((t) => t.from.includes(p.state));
  }

  /** Every event of the current stage, with the reasons the viewer cannot fire it now. */
  async available(ctx: RequestContext, p: Proposal): Promise<TransitionOption[]> {
    const options = this.transitionsFrom(p);
    if (options.length === 0) return [];
    const facts = await this.facts(ctx, p, await this.chain(ctx, p.areaId, p.workingGroup.id), null, null);
    return options.map((t) => ({
      event: t.event,
      label: t.label,
      target: t.to,
      // A reason or resolution number is typed when firing; the button stays, with the hint.
      reasons: t.guards.flatMap((g) => checkGuard(g, facts)),
    }));
  }

  /** Which of the transition's actor rules the actor meets, for the history's role and side. */
  private actingAs(ctx: RequestContext, p: Proposal, t: TransitionDefinition, facts: TransitionFacts, chain: Body[]): { role: string | null; side: string | null } {
    const guard = t.guards.find((g) => g.name === 'actorIs');
    const rules: readonly ActorRule[] = guard && guard.name === 'actorIs' ? guard.params.anyOf : [];
    const seatIn = (bodyId: string | undefined) => (bodyId ? ctx.viewer.memberships.find((m) => m.body.id === bodyId) : undefined);
    for (const rule of rules) {
      if (rule.kind === 'CHAIR_OF' && facts.actor.chairOf.includes(rule.bodyKind)) {
        return { role: MembershipRole.CHAIR, side: seatIn(bodyOfKind(chain, rule.bodyKind)?.id)?.triadSide ?? null };
      }
      if (rule.kind === 'AREA_ROLE' && facts.actor.areaRoles.includes(rule.role)) return { role: rule.role, side: null };
      if (rule.kind === 'AUTHOR' && facts.actor.isAuthor) return { role: 'AUTHOR', side: seatIn(p.workingGroup.id)?.triadSide ?? null };
    }
    return { role: null, side: null };
  }

  /** Fires a workflow event in a transaction of its own, or with `via.em` in the caller's. */
  async transition(
    ctx: RequestContext,
    input: TransitionProposalInput,
    via?: { em: EntityManager; meetingId?: string; bodyId?: string; votingSides?: TriadSide[] },
  ): Promise<Proposal> {
    const commit = await this.prepareTransition(ctx, input, via);
    const moved = await (via?.em ?? ctx.em).transactional(commit);
    // The history read while checking visibility is one event short now.
    ctx.loaders.eventsByProposal.clear(moved.id);
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
    input: TransitionProposalInput,
    via?: { meetingId?: string; bodyId?: string; votingSides?: TriadSide[] },
  ): Promise<(em: EntityManager) => Promise<Proposal>> {
    const visible = await this.get(ctx, input.proposalId);
    const person = ctx.viewer.personIn(visible.areaId);
    if (!person) {
      throw forbidden(ctx.locale, { cs: 'V této oblasti nemáte žádnou roli.', en: 'You have no role in this area.' });
    }
    const reason = input.reason ?? null;
    const resolutionNumber = input.resolutionNumber ?? null;
    const requestHash = createHash('sha256')
      .update(JSON.stringify([input.proposalId, input.event, input.expectedVersion, reason, resolutionNumber]))
      .digest('hex');

    // Everything the guards judge is loaded before the transaction, which then holds one
    // connection only: lock, check the version, save, append.
    const chain = await this.chain(ctx, visible.areaId, visible.workingGroup.id);
    const facts = await this.facts(ctx, visible, chain, reason, resolutionNumber, via?.votingSides);
    const t = this.transitionsFrom(visible).find((x) => x.event === input.event);
    if (via?.bodyId && visible.currentBody?.id !== via.bodyId) {
      throw new AppError(
        ErrorCode.TRANSITION_NOT_ALLOWED,
        localize({ cs: 'Tento orgán návrh teď neprojednává.', en: 'This body does not handle the proposal at its current stage.' }, ctx.locale),
        { reasons: [localize({ cs: 'Usnesení jiného orgánu návrh neposune.', en: "Another body's resolution cannot move the proposal." }, ctx.locale)] },
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
      if (!t) {
        throw new AppError(
          ErrorCode.TRANSITION_NOT_ALLOWED,
          localize({ cs: `Událost ${input.event} nelze ve fázi ${p.state} použít.`, en: `Event ${input.event} is not available in stage ${p.state}.` }, ctx.locale),
          { reasons: [localize({ cs: 'Tato akce v této fázi neexistuje.', en: 'This action does not exist in this stage.' }, ctx.locale)] },
        );
      }
      const onChainOrRole =
        ctx.viewer.rolesIn(p.areaId).length > 0 || ctx.viewer.isSelf(p.author.id) || chain.some((b) => ctx.viewer.membershipIn(b.id));
      if (!onChainOrRole) {
        throw forbidden(ctx.locale, { cs: 'S tímto návrhem nemůžete nic dělat.', en: 'You cannot act on this proposal.' });
      }
      const reasons = t.guards.flatMap((g) => checkGuard(g, facts));
      const { machine } = compiledWorkflow(p.workflowKey, p.workflowVersion);
      const [next] = machineTransition(machine, machine.resolveState(p.snapshot as never), { type: input.event, facts });
      if (reasons.length > 0 || next.value !== t.to) {
        throw new AppError(
          ErrorCode.TRANSITION_NOT_ALLOWED,
          localize({ cs: 'Tuto akci teď nelze provést.', en: 'This action is not allowed now.' }, ctx.locale),
          { reasons: reasons.map((r) => localize(r, ctx.locale)) },
        );
      }
      await this.apply(em, ctx, p, t, facts, chain, machine.getPersistedSnapshot(next), {
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

  /** Saves the new state and appends the history event; the caller holds the row lock. */
  private async apply(
    em: EntityManager,
    ctx: RequestContext,
    p: Proposal,
    t: TransitionDefinition,
    facts: TransitionFacts,
    chain: Body[],
    snapshot: Record<string, unknown>,
    extra: {
      actorId: string;
      reason: string | null;
      resolutionNumber: string | null;
      idempotencyKey: string | null;
      requestHash: string;
      meetingId: string | null;
    },
  ): Promise<void> {
    const outcome = transitionOutcome(this.definitionOf(p), t, p.state, chain, extra.resolutionNumber);
    const acting = this.actingAs(ctx, p, t, facts, chain);
    const last = await em.findOne(WorkflowEvent, { proposalId: p.id }, { orderBy: { seq: 'desc' } });
    const hashed = {
      proposalId: p.id,
      seq: (last?.seq ?? 0) + 1,
      event: t.event,
      fromState: p.state,
      toState: t.to,
      actorId: extra.actorId,
      actorRole: acting.role,
      actorTriadSide: acting.side,
      bodyId: outcome.decidingBodyId,
      meetingId: extra.meetingId,
      reason: extra.reason,
      resolutionNumber: extra.resolutionNumber,
      occurredAt: ctx.now,
    };
    const prevHash = last?.hash ?? null;
    em.create(WorkflowEvent, {
      ...hashed,
      areaId: p.areaId,
      idempotencyKey: extra.idempotencyKey,
      requestHash: extra.requestHash,
      prevHash,
      hash: eventHash(prevHash, hashed),
    });
    const def = this.definitionOf(p);
    const label = (key: string): Text => def.stages.find((s) => s.key === key)?.label ?? { cs: key, en: key };
    const [from, to] = [label(p.state), label(t.to)];
    applyOutcome(p, outcome, t.event, ctx.now, snapshot, (id) => em.getReference(Body, id));
    await em.flush();
    if (p.author.id !== extra.actorId) {
      await enqueue(em, p.areaId, {
        kind: 'PROPOSAL_MOVED',
        subjectId: p.id,
        title: { cs: `Návrh „${p.title}“: ${from.cs} → ${to.cs}`, en: `Proposal "${p.title}": ${from.en} → ${to.en}` },
        recipients: [p.author.id],
      });
    }
  }

  /** The history, oldest first; with `last`, only the newest that many events. */
  async history(ctx: RequestContext, p: Proposal, last?: number): Promise<HistoryEvent[]> {
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
