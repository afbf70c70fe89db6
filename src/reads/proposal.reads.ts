import { mayAttempt, visibleWhere } from '../auth/authority';
import { PROPOSAL_SQL } from '../auth/resources';
import { cutPage, decodedCursor, decodeTimeCursor, encodeCursor, pageRequest, readingOrder, type PageArgs } from '../common/cursor';
import { displayName } from '../common/person-name';
import type { RequestContext } from '../context';
import { proposalCount, proposalPageRows, proposalRow, type ProposalReadRow } from '../data/proposal-reads';
import { type ProposalOrder } from '../entities/enums';
import { isUuid } from '../errors/app-errors';
import { localize } from '../i18n/locale';
import { transitionView } from '../resolvers/proposal.resolver';
import { BodyType } from '../schema/body.type';
import { PageInfo } from '../schema/page-info.type';
import { PersonType } from '../schema/person.type';
import { WorkflowEventType } from '../schema/proposal.type';
import { PROPOSAL_ORDERS, type JudgedProposal } from '../services/proposal.service';
import { NotCompiled, type FieldPlan, type Readers } from './read-plan';

/**
 * Proposals read without the resolvers: `proposals` and `proposal` answered from rows of one
 * statement (src/data/proposal-reads.ts), filtered by the policy's SQL form of `proposal.read` —
 * the rule `can()` judges one proposal by — and every field computed by the same service code the
 * resolvers call (stage labels, the engine's `availableTransitions`, the history's loader).
 * Whatever these readers do not serve exactly as the resolvers do is not compiled (src/reads/read-plan.ts).
 */

/** A proposal as the compiled answer reads it: the plain fields as properties, the row for the rest. */
type ProposalSource = Record<string, unknown> & { row: ProposalReadRow; judged: JudgedProposal };

function proposalSource(row: ProposalReadRow): ProposalSource {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    text: row.text,
    state: row.state,
    phase: row.phase,
    decidedAt: row.decidedAt,
    version: row.version,
    workflowKey: row.workflowKey,
    workflowVersion: row.workflowVersion,
    commissionRecommendation: row.commissionRecommendation,
    councilResolution: row.councilResolution,
    assemblyResolution: row.assemblyResolution,
    submittedAt: row.submittedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    row,
    judged: {
      id: row.id,
      areaId: row.areaId,
      kind: row.kind,
      title: row.title,
      summary: row.summary,
      state: row.state,
      workflowKey: row.workflowKey,
      workflowVersion: row.workflowVersion,
      author: { id: row.authorId },
      workingGroup: { id: row.workingGroupId },
      concernedOrganisation: row.concernedOrganisationId ? { id: row.concernedOrganisationId } : null,
    },
  };
}

/** The table column of each order's sort key. */
const COLUMN = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;

/** The filter's fields a compiled page answers; with any other, the resolvers do. */
const COMPILED_FILTER = new Set(['areaId', 'state']);
const STAGE = /^[A-Z][A-Z_]{1,39}$/;

/** What the service would refuse or read differently is not compiled: the service then refuses it in its own words. */
function attempt<T>(run: () => T): T {
  try {
    return run();
  } catch {
    throw new NotCompiled('refused by the service');
  }
}

function mayRead(ctx: RequestContext, field: string): void {
  if (mayAttempt(ctx, 'Query', field) !== true) throw new NotCompiled(`Query.${field} refused`);
}

const selects = (plans: readonly FieldPlan[] | null, name: string): boolean => (plans ?? []).some((p) => p.name === name);

export const PROPOSAL_READERS: Readers<RequestContext> = {
  Query: {
    proposals: async (_root: never, args: Record<string, unknown>, ctx: RequestContext, plan: FieldPlan) => {
      mayRead(ctx, 'proposals');
      const filter = args.filter as Record<string, unknown>;
      const given = Object.entries(filter).filter(([, value]) => value !== null && value !== undefined);
      if (given.some(([key]) => !COMPILED_FILTER.has(key))) throw new NotCompiled('filter');
      const areaId = filter.areaId as string;
      const state = (filter.state as string | null | undefined) ?? null;
      if (!isUuid(areaId) || (state !== null && !STAGE.test(state))) throw new NotCompiled('filter values');
      const order = PROPOSAL_ORDERS[args.orderBy as ProposalOrder];
      const request = attempt(() => pageRequest(ctx, args as PageArgs));
      const cursor = attempt(() => decodedCursor(request, (c, field) => decodeTimeCursor(ctx, c, field)));
      const visible = visibleWhere(ctx.viewer, 'proposal.read', PROPOSAL_SQL('p'));
      const rows = await proposalPageRows(ctx.em, {
        areaId,
        state,
        visible,
        column: COLUMN[order.column],
        order: readingOrder(request, order.direction).order,
        after: cursor,
        limit: request.size + 1,
      });
      const page = cutPage(request, rows);
      const edges = page.items.map((row) => ({ cursor: encodeCursor([row[order.column].toISOString(), row.id]), node: proposalSource(row) }));
      const totalCount = selects(plan.children, 'totalCount') ? await proposalCount(ctx.em, areaId, state, visible) : 0;
      return { edges, pageInfo: PageInfo.of(page, edges), totalCount };
    },
    proposal: async (_root: never, args: Record<string, unknown>, ctx: RequestContext) => {
      mayRead(ctx, 'proposal');
      const id = args.id as string;
      if (!isUuid(id)) throw new NotCompiled('id');
      const row = await proposalRow(ctx.em, id, visibleWhere(ctx.viewer, 'proposal.read', PROPOSAL_SQL('p')));
      // Not found or not visible: the service says so, with the error at the field's path.
      if (!row) throw new NotCompiled('no such proposal');
      return proposalSource(row);
    },
  },
  Proposal: {
    stageLabel: async (p: ProposalSource, _args, ctx: RequestContext) => localize(await ctx.services.proposals.stageLabel(ctx, p.row), ctx.locale),
    workingGroup: async (p: ProposalSource, _args, ctx: RequestContext) => {
      const body = await ctx.loaders.bodyOfArea(p.row.areaId, p.row.workingGroupId);
      if (!body) throw new NotCompiled('working group');
      return BodyType.from(body);
    },
    currentBody: async (p: ProposalSource, _args, ctx: RequestContext) => {
      const id = p.row.currentBodyId;
      const body = id ? await ctx.loaders.bodyOfArea(p.row.areaId, id) : null;
      return body ? BodyType.from(body) : null;
    },
    author: (p: ProposalSource) => {
      const a = p.row.author;
      return PersonType.from({ ...a, organisation: a.organisationId ? { id: a.organisationId } : null });
    },
    availableTransitions: async (p: ProposalSource, _args, ctx: RequestContext) =>
      (await ctx.services.proposals.available(ctx, p.judged)).map((o) => transitionView(ctx, o)),
    history: async (p: ProposalSource, args: Record<string, unknown>, ctx: RequestContext) => {
      const last = args.last as number | null | undefined;
      if (last !== undefined && last !== null && last < 0) throw new NotCompiled('negative last');
      return (await ctx.services.proposals.history(ctx, p.row, last ?? undefined)).map(WorkflowEventType.from);
    },
  },
  Person: {
    name: (person: PersonType, _args, ctx: RequestContext) => displayName(person, ctx.locale),
  },
};
