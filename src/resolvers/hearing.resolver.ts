import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { HearingComment } from '../entities/hearing.entity';
import { AnswerHearingCommentInput, HearingCommentType, HearingSettlementType, HearingType, OpenPublicHearingInput, SubmitHearingCommentInput } from '../schema/hearing.type';
import { PlanType } from '../schema/plan.type';

const INPUT = { description: 'What to do; see the input type.' };

/** The schema's view of the row. */
export const toComment = (c: HearingComment): HearingCommentType =>
  Object.assign(new HearingCommentType(), { id: c.id, authorName: c.authorName, text: c.text, decision: c.decision, justification: c.justification, submittedAt: c.createdAt });

@Resolver(() => HearingType)
export class HearingResolver {
  @Mutation(() => HearingType, { description: 'Opens the public hearing of a plan draft for a period. The coordinator.' })
  async openPublicHearing(@Ctx() ctx: RequestContext, @Arg('input', () => OpenPublicHearingInput, INPUT) input: OpenPublicHearingInput): Promise<HearingType> {
    const h = await ctx.services.hearings.open(ctx, input);
    return Object.assign(new HearingType(), { id: h.id, opensAt: h.opensAt, closesAt: h.closesAt, areaId: h.areaId });
  }

  @Mutation(() => HearingCommentType, { description: 'Submits a comment while the hearing is open. Anyone, also without a token; TRANSITION_NOT_ALLOWED outside the period.' })
  async submitHearingComment(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitHearingCommentInput, INPUT) input: SubmitHearingCommentInput): Promise<HearingCommentType> {
    return toComment(await ctx.services.hearings.comment(ctx, input));
  }

  @Mutation(() => HearingCommentType, { description: 'Answers a comment (accepted, partially accepted, rejected) with a justification. The coordinator.' })
  async answerHearingComment(@Ctx() ctx: RequestContext, @Arg('input', () => AnswerHearingCommentInput, INPUT) input: AnswerHearingCommentInput): Promise<HearingCommentType> {
    return toComment(await ctx.services.hearings.answer(ctx, input));
  }

  @Query(() => HearingSettlementType, { description: "The settlement table of a plan's public hearing (for whoever may see the plan)." })
  async hearingSettlement(@Ctx() ctx: RequestContext, @Arg('planId', () => ID, { description: 'The plan.' }) planId: string): Promise<HearingSettlementType> {
    const s = await ctx.services.hearings.settlement(ctx, planId);
    return { comments: s.rows.map(toComment), markdown: s.markdown, csv: s.csv };
  }
}

@Resolver(() => PlanType)
export class PlanHearingResolver {
  @FieldResolver(() => [HearingType], { description: 'Public hearings of the plan.' })
  async hearings(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<HearingType[]> {
    return (await ctx.services.hearings.ofPlan(ctx, p.id)).map((h) => Object.assign(new HearingType(), { id: h.id, opensAt: h.opensAt, closesAt: h.closesAt, areaId: h.areaId }));
  }
}

@Resolver(() => HearingType)
export class HearingCommentsResolver {
  @FieldResolver(() => [HearingCommentType], { description: 'Comments submitted, oldest first.' })
  async comments(@Ctx() ctx: RequestContext, @Root() h: HearingType): Promise<HearingCommentType[]> {
    return (await ctx.services.hearings.comments(ctx, h.id)).map(toComment);
  }
}
