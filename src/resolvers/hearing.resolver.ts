import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { Hearing, HearingComment } from '../entities/hearing.entity';
import { AreaType } from '../schema/area.type';
import {
  AnswerHearingCommentInput,
  HearingCommentType,
  HearingDraftGoalType,
  HearingDraftIndicatorType,
  HearingDraftMeasureType,
  HearingDraftPriorityType,
  HearingDraftType,
  HearingNoticeType,
  HearingSettlementType,
  HearingType,
  OpenPublicHearingInput,
  SubmitHearingCommentInput,
} from '../schema/hearing.type';
import { PlanType, SolutionVariantType, SwotItemType } from '../schema/plan.type';
import type { HearingDraft, Settlement } from '../services/hearing.service';
import { indicatorView } from '../mappers/plan.mapper';

const INPUT = { description: 'What to do; see the input type.' };

/** The schema's view of the row. */
export const toComment = (c: HearingComment): HearingCommentType =>
  Object.assign(new HearingCommentType(), { id: c.id, authorName: c.authorName, text: c.text, decision: c.decision, justification: c.justification, submittedAt: c.createdAt });

const toNotice = (h: Hearing): HearingNoticeType =>
  Object.assign(new HearingNoticeType(), { id: h.id, opensAt: h.opensAt, closesAt: h.closesAt, areaId: h.areaId, planId: h.planId });

const toSettlement = (s: Settlement): HearingSettlementType => Object.assign(new HearingSettlementType(), { comments: s.rows.map(toComment), markdown: s.markdown, csv: s.csv });

/** The public draft, field by field (see HearingDraft in the service for what is left out). */
const toDraft = (d: HearingDraft): HearingDraftType =>
  Object.assign(new HearingDraftType(), {
    id: d.plan.id,
    title: d.plan.title,
    yearFrom: d.plan.yearFrom,
    yearTo: d.plan.yearTo,
    status: d.status,
    priorities: d.priorities.map(({ priority, goals }) =>
      Object.assign(new HearingDraftPriorityType(), {
        id: priority.id,
        position: priority.position,
        title: priority.title,
        goals: goals.map(({ goal, measures }) =>
          Object.assign(new HearingDraftGoalType(), {
            id: goal.id,
            position: goal.position,
            title: goal.title,
            measures: measures.map(({ measure, indicators }) =>
              Object.assign(new HearingDraftMeasureType(), {
                id: measure.id,
                position: measure.position,
                title: measure.title,
                description: measure.description,
                indicators: indicators.map((i) => Object.assign(new HearingDraftIndicatorType(), indicatorView(i))),
              }),
            ),
          }),
        ),
      }),
    ),
    swot: d.swot.map((r) => Object.assign(new SwotItemType(), { id: r.id, kind: r.kind, text: r.text })),
    solutionVariants: d.variants.map((v) => Object.assign(new SolutionVariantType(), { id: v.id, position: v.position, title: v.title, description: v.description, chosen: v.chosen })),
  });

@Resolver(() => HearingType)
export class HearingResolver {
  @Query(() => [HearingNoticeType], {
    description: 'Public hearings taking comments now, soonest closing first: of one area, or of every area. Anyone, also without signing in.',
  })
  async openHearings(
    @Ctx() ctx: RequestContext,
    @Arg('areaId', () => ID, { nullable: true, description: 'The area; every area when omitted.' }) areaId?: string | null,
  ): Promise<HearingNoticeType[]> {
    return (await ctx.services.hearings.openNow(ctx, areaId)).map(toNotice);
  }

  @Query(() => HearingNoticeType, {
    nullable: true,
    description: "One public hearing's notice with its draft. Anyone while it (or another hearing of the plan) is open and once the plan is adopted, the area's people with a role or a seat always; NOT_FOUND otherwise.",
  })
  async hearingNotice(@Ctx() ctx: RequestContext, @Arg('hearingId', () => ID, { description: 'The hearing.' }) hearingId: string): Promise<HearingNoticeType> {
    return toNotice(await ctx.services.hearings.notice(ctx, hearingId));
  }

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

  @Query(() => HearingSettlementType, {
    nullable: true,
    description: "The settlement table of a plan's public hearings: for whoever may read the plan; once the plan is adopted, everyone (the adopted plan's annex). NOT_FOUND otherwise. Null then, with the error at this field's path, so that the rest of the answer stands.",
  })
  async hearingSettlement(@Ctx() ctx: RequestContext, @Arg('planId', () => ID, { description: 'The plan.' }) planId: string): Promise<HearingSettlementType> {
    return toSettlement(await ctx.services.hearings.settlement(ctx, planId));
  }
}

@Resolver(() => HearingNoticeType)
export class HearingNoticeResolver {
  @FieldResolver(() => AreaType, { description: 'The area whose plan is under hearing.' })
  async area(@Ctx() ctx: RequestContext, @Root() h: HearingNoticeType): Promise<AreaType> {
    return AreaType.from((await ctx.loaders.areaById.load(h.areaId))!);
  }

  @FieldResolver(() => HearingDraftType, { description: 'The draft plan under hearing: only what of it is public (see HearingDraft).' })
  async plan(@Ctx() ctx: RequestContext, @Root() h: HearingNoticeType): Promise<HearingDraftType> {
    return toDraft(await ctx.services.hearings.draft(ctx, h));
  }

  @FieldResolver(() => Int, { description: 'How many comments the hearing has taken so far (their text is published with the settlement).' })
  async commentCount(@Ctx() ctx: RequestContext, @Root() h: HearingNoticeType): Promise<number> {
    return (await ctx.services.hearings.comments(ctx, h.id)).length;
  }
}

@Resolver(() => PlanType)
export class PlanHearingResolver {
  @FieldResolver(() => [HearingType], { description: 'Public hearings of the plan.' })
  async hearings(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<HearingType[]> {
    return (await ctx.services.hearings.ofPlan(ctx, p.id)).map((h) => Object.assign(new HearingType(), { id: h.id, opensAt: h.opensAt, closesAt: h.closesAt, areaId: h.areaId }));
  }

  @FieldResolver(() => HearingSettlementType, {
    nullable: true,
    description: "The settlement of the plan's public hearings, published as the adopted plan's annex: everyone once the plan is adopted, before that whoever may read the plan; null when the plan had no hearing.",
  })
  async hearingSettlement(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<HearingSettlementType | null> {
    const s = await ctx.services.hearings.annex(ctx, p.id);
    return s ? toSettlement(s) : null;
  }
}

@Resolver(() => HearingType)
export class HearingCommentsResolver {
  @FieldResolver(() => [HearingCommentType], { description: 'Comments submitted, oldest first.' })
  async comments(@Ctx() ctx: RequestContext, @Root() h: HearingType): Promise<HearingCommentType[]> {
    return (await ctx.services.hearings.comments(ctx, h.id)).map(toComment);
  }
}
