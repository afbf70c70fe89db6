import { wrap } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectsField } from '../common/selection';
import type { RequestContext } from '../context';
import { badInput, notFound } from '../errors/app-errors';
import { localize } from '../i18n/locale';
import { refusalsFor } from '../common/refusal';
import type { TransitionInputKind } from '../schema/refusal.type';
import { BodyType } from '../schema/body.type';
import { ConnectionArgs } from '../schema/connection.args';
import { PageInfo } from '../schema/page-info.type';
import { OrganisationType } from '../schema/organisation.type';
import { PersonType } from '../schema/person.type';
import { ProposalConnection } from '../schema/proposal-connection.type';
import { CreateProposalInput, ProposalFilter, TransitionProposalInput, UpdateProposalInput } from '../schema/proposal.input';
import { AvailableTransitionType, HistoryVerificationType, ProposalType, WorkflowEventType } from '../schema/proposal.type';
import { ProposalOrder } from '../entities/enums';
import { proposalCursor, type TransitionOption } from '../services/proposal.service';

/** An event of a proposal's stage as the viewer sees it, in the request language. */
export function transitionView(ctx: RequestContext, o: TransitionOption): AvailableTransitionType {
  const refusals = refusalsFor(ctx.locale, o.refusals);
  return {
    event: o.event,
    label: localize(o.label, ctx.locale),
    target: o.target,
    allowed: refusals.length === 0,
    refusals,
    requiredInputs: o.requiredInputs as TransitionInputKind[],
    reasons: refusals.map((r) => r.message),
  };
}

@Resolver(() => ProposalType)
export class ProposalResolver {
  @Query(() => ProposalType, { nullable: true, description: 'One proposal the viewer may see; NOT_FOUND otherwise. Null then, with the error at this field\'s path, so that the rest of the answer stands.' })
  async proposal(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The proposal.' }) id: string): Promise<ProposalType> {
    return ProposalType.from(await ctx.services.proposals.get(ctx, id));
  }

  @Query(() => ProposalConnection, { description: 'Proposals of an area the viewer may see, newest first.' })
  async proposals(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ProposalFilter, { description: 'Which proposals.' }) filter: ProposalFilter,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('orderBy', () => ProposalOrder, { defaultValue: ProposalOrder.NEWEST, description: 'The order of the pages: newest or oldest drafted first, or most or least recently changed first.' }) orderBy: ProposalOrder,
  ): Promise<ProposalConnection> {
    const page = await ctx.services.proposals.page(ctx, filter, paging, orderBy);
    const edges = page.items.map((p) => ({ cursor: proposalCursor(p, orderBy), node: ProposalType.from(p) }));
    // Counting is a statement of its own: only when some selection of this field asks for it.
    const totalCount = selectsField(info, 'totalCount') ? await page.totalCount() : 0;
    return { edges, pageInfo: PageInfo.of(page, edges), totalCount };
  }

  @Query(() => HistoryVerificationType, { description: "Checks a proposal's hash-chained history against its stored hashes." })
  async verifyHistory(
    @Ctx() ctx: RequestContext,
    @Arg('proposalId', () => ID, { description: 'The proposal.' }) proposalId: string,
  ): Promise<HistoryVerificationType> {
    return ctx.services.proposals.verify(ctx, proposalId);
  }

  @Mutation(() => ProposalType, { description: 'Drafts a proposal in a working group. Its members and the coordinator.' })
  async createProposal(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateProposalInput, { description: 'What to do; see the input type.' }) input: CreateProposalInput,
  ): Promise<ProposalType> {
    return ProposalType.from(await ctx.services.proposals.create(ctx, input));
  }

  @Mutation(() => ProposalType, { description: 'Edits a draft. Its author or the working-group chair; CONFLICT on a stale version.' })
  async updateProposal(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateProposalInput, { description: 'What to do; see the input type.' }) input: UpdateProposalInput,
  ): Promise<ProposalType> {
    return ProposalType.from(await ctx.services.proposals.update(ctx, input));
  }

  @Mutation(() => ProposalType, {
    description:
      'Fires a workflow event. TRANSITION_NOT_ALLOWED with `extensions.reasons` when a guard refuses; CONFLICT on a stale version or a reused idempotency key; FORBIDDEN when the viewer cannot act on the proposal at all.',
  })
  async transitionProposal(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => TransitionProposalInput, { description: 'What to do; see the input type.' }) input: TransitionProposalInput,
  ): Promise<ProposalType> {
    return ProposalType.from(await ctx.services.proposals.transition(ctx, input));
  }

  @FieldResolver(() => String, { description: 'Label of the current stage in the request language (the area\'s own names, e.g. "MS – manažerská skupina").' })
  stageLabel(@Ctx() ctx: RequestContext, @Root() p: ProposalType): string | Promise<string> {
    const label = ctx.services.proposals.stageLabel(ctx, p.entity);
    return label instanceof Promise ? label.then((l) => localize(l, ctx.locale)) : localize(label, ctx.locale);
  }

  @FieldResolver(() => BodyType, { description: 'The working group the proposal was born in.' })
  async workingGroup(@Ctx() ctx: RequestContext, @Root() p: ProposalType): Promise<BodyType> {
    const body = await ctx.loaders.bodyOfArea(p.entity.areaId, p.entity.workingGroup.id);
    if (!body) throw notFound(ctx.locale, 'Body', p.entity.workingGroup.id);
    return BodyType.from(body);
  }

  @FieldResolver(() => BodyType, { nullable: true, description: 'The body handling the current stage; null for drafts and decided proposals.' })
  async currentBody(@Ctx() ctx: RequestContext, @Root() p: ProposalType): Promise<BodyType | null> {
    const id = p.entity.currentBody?.id;
    const body = id ? await ctx.loaders.bodyOfArea(p.entity.areaId, id) : null;
    return body ? BodyType.from(body) : null;
  }

  @FieldResolver(() => PersonType, { description: 'The author.' })
  async author(@Ctx() ctx: RequestContext, @Root() p: ProposalType): Promise<PersonType> {
    // Lists join the authors into the page's statement; a single proposal loads its author here.
    const person = wrap(p.entity.author).isInitialized() ? p.entity.author : await ctx.loaders.personById.load(p.entity.author.id);
    if (!person) throw notFound(ctx.locale, 'Person', p.entity.author.id);
    return PersonType.from(person);
  }

  @FieldResolver(() => OrganisationType, {
    nullable: true,
    description: 'The organisation (usually a provider) the proposal concerns, if any: a member representing it cannot record the working group\'s recommendation (conflict of interest).',
  })
  async concernedOrganisation(@Ctx() ctx: RequestContext, @Root() p: ProposalType): Promise<OrganisationType | null> {
    return OrganisationType.orNull(await ctx.services.organisations.referred(ctx, p.concernedOrganisationId));
  }

  @FieldResolver(() => [AvailableTransitionType], { description: 'What the viewer can do now: every event of the current stage, allowed or with coded refusals, and the inputs each needs.' })
  async availableTransitions(@Ctx() ctx: RequestContext, @Root() p: ProposalType): Promise<AvailableTransitionType[]> {
    return (await ctx.services.proposals.available(ctx, p.entity)).map((o) => transitionView(ctx, o));
  }

  @FieldResolver(() => [WorkflowEventType], { description: 'The history, oldest first.' })
  async history(
    @Ctx() ctx: RequestContext,
    @Root() p: ProposalType,
    @Arg('last', () => Int, { nullable: true, description: 'Only the newest this many events (still oldest first); all when omitted.' }) last?: number | null,
  ): Promise<WorkflowEventType[]> {
    if (last !== undefined && last !== null && last < 0) {
      throw badInput(ctx.locale, [{ field: 'last', text: { cs: 'Počet nesmí být záporný.', en: 'The count cannot be negative.' } }]);
    }
    const events = await ctx.services.proposals.history(ctx, p.entity, last ?? undefined);
    return events.map(WorkflowEventType.from);
  }
}
