import type { RequestContext } from '../context';
import { HearingDecision, type PlanStatus, ProposalPhase } from '../entities/enums';
import { Hearing, HearingComment } from '../entities/hearing.entity';
import { AppError, badInput, conflict, ErrorCode, notFound, rateLimited, requireId } from '../errors/app-errors';
import { authorize, can, visibleWhere } from '../auth/authority';
import type { Resource } from '../auth/conditions';
import { PLAN_SQL, planResource } from '../auth/resources';
import { RefusalCode, refusal, refusalExtensions } from '../common/refusal';
import type { Indicator, PlanGoal, PlanMeasure, PlanPriority } from '../entities/plan.entity';
import { Plan } from '../entities/plan.entity';
import type { SolutionVariant, SwotItem } from '../entities/plan-risk.entity';
import { csvDocument } from '../common/csv';
import { markdownInline as md } from '../common/markdown';
import { localize } from '../i18n/locale';
import type { PlanService } from './plan.service';
import type { PlanRegisterService } from './plan-register.service';
import { lockPlanProposal } from '../data/hearing-standing';
import { openHearingIds } from '../data/open-hearings';
import { clientKey, hitRateLimit } from './rate-limiter';

const ADOPTED_NO_HEARING = { cs: 'Plán je schválen; veřejné projednání už nelze otevřít.', en: 'The plan is adopted; a public hearing can no longer be opened.' };

const DECISION: Record<HearingDecision, { cs: string; en: string }> = {
  [HearingDecision.ACCEPTED]: { cs: 'Akceptováno', en: 'Accepted' },
  [HearingDecision.PARTIALLY_ACCEPTED]: { cs: 'Částečně akceptováno', en: 'Partially accepted' },
  [HearingDecision.REJECTED]: { cs: 'Neakceptováno', en: 'Rejected' },
};

/**
 * What of a plan draft under hearing is public: its period and status, its structure with titles and
 * texts, its indicators with baseline and target, its SWOT analysis and solution variants. Never its
 * guarantors, goal statuses and their comments, indicator values, risk register, stakeholder
 * matrix, action plans, PLAN proposal or the hearing's comments (those are the plan's readers').
 */
export interface HearingDraft {
  plan: Plan;
  status: PlanStatus;
  priorities: Array<{ priority: PlanPriority; goals: Array<{ goal: PlanGoal; measures: Array<{ measure: PlanMeasure; indicators: Indicator[] }> }> }>;
  swot: SwotItem[];
  variants: SolutionVariant[];
}

export interface Settlement {
  markdown: string;
  csv: string;
  rows: HearingComment[];
}

/** The public hearing of a plan draft: the coordinator opens it, anyone comments, the coordinator answers. */
export class HearingService {
  constructor(
    private readonly plans: PlanService,
    private readonly registers: PlanRegisterService,
  ) {}

  async open(ctx: RequestContext, input: { planId: string; opensAt?: Date | null; closesAt: Date }): Promise<Hearing> {
    const plan = await this.plans.get(ctx, input.planId);
    authorize(ctx, 'hearing.open', planResource(plan.areaId), 'Plan', plan.id);
    // An adopted plan's hearing is over for good: the assembly approved the text it was about.
    if (await this.plans.isAdopted(ctx, plan)) throw conflict(ctx.locale, ADOPTED_NO_HEARING);
    const opensAt = input.opensAt ?? ctx.now;
    if (input.closesAt <= opensAt) throw badInput(ctx.locale, [{ field: 'closesAt', text: { cs: 'Konec musí být po začátku.', en: 'closesAt must be after opensAt.' } }]);
    const person = ctx.viewer.personIn(plan.areaId);
    return ctx.em.transactional(async (em) => {
      // Under the plan's proposal lock, as a transition judges the hearing rule (hearing-standing.ts).
      if ((await lockPlanProposal(em, plan, 'update')) === ProposalPhase.APPROVED) throw conflict(ctx.locale, ADOPTED_NO_HEARING);
      const hearing = em.create(Hearing, { areaId: plan.areaId, planId: plan.id, opensAt, closesAt: input.closesAt, openedById: person!.id });
      await em.flush();
      return hearing;
    });
  }

  /** A hearing the viewer may see: anyone, while the plan draft is out for comments; after, the plan's readers. */
  async get(ctx: RequestContext, id: string): Promise<Hearing> {
    requireId(ctx.locale, 'hearingId', id);
    const hearing = await ctx.em.findOne(Hearing, { id });
    if (!hearing) throw notFound(ctx.locale, 'Hearing', id);
    return hearing;
  }

  /** The hearings taking comments now, of one area or of all, that the viewer may read (hearing.read, as SQL), soonest closing first. */
  async openNow(ctx: RequestContext, areaId?: string | null): Promise<Hearing[]> {
    if (areaId) requireId(ctx.locale, 'areaId', areaId);
    const ids = await openHearingIds(ctx.em, ctx.now, areaId ?? null, visibleWhere(ctx.viewer, 'hearing.read', PLAN_SQL('p', ctx.now)));
    if (ids.length === 0) return [];
    const found = new Map((await ctx.em.find(Hearing, { id: ids })).map((h) => [h.id, h]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** One hearing's public notice; NOT_FOUND unless the viewer may read it (hearing.read). */
  async notice(ctx: RequestContext, hearingId: string): Promise<Hearing> {
    const hearing = await this.get(ctx, hearingId);
    const plan = await ctx.em.findOneOrFail(Plan, { id: hearing.planId, areaId: hearing.areaId });
    authorize(ctx, 'hearing.read', await this.planFacts(ctx, plan), 'Hearing', hearing.id);
    return hearing;
  }

  /** A plan as the hearing rules see it: adopted, or with a hearing taking comments now. */
  private async planFacts(ctx: RequestContext, plan: Plan): Promise<Resource> {
    const adopted = await this.plans.isAdopted(ctx, plan);
    const hearingOpen = !adopted && (await this.ofPlan(ctx, plan.id)).some((h) => h.opensAt <= ctx.now && ctx.now < h.closesAt);
    return planResource(plan.areaId, { adopted, hearingOpen });
  }

  /** The public part of the plan draft under a hearing the viewer got through `openNow` or `notice`. */
  async draft(ctx: RequestContext, hearing: { planId: string; areaId: string }): Promise<HearingDraft> {
    const plan = await ctx.em.findOneOrFail(Plan, { id: hearing.planId, areaId: hearing.areaId });
    const priorities = await Promise.all(
      (await this.plans.priorities(ctx, plan.id)).map(async (priority) => ({
        priority,
        goals: await Promise.all(
          (await this.plans.goals(ctx, priority.id)).map(async (goal) => ({
            goal,
            measures: await Promise.all((await this.plans.measures(ctx, goal.id)).map(async (measure) => ({ measure, indicators: await this.plans.indicators(ctx, measure.id) }))),
          })),
        ),
      })),
    );
    const [status, swot, variants] = await Promise.all([this.plans.status(ctx, plan), this.registers.swot(ctx, plan.id), this.registers.variants(ctx, plan.id)]);
    return { plan, status, priorities, swot, variants };
  }

  /** Anyone, also without a token, while the hearing is open; limited per client address and hour. */
  async comment(ctx: RequestContext, input: { hearingId: string; name?: string | null; email?: string | null; text: string }): Promise<HearingComment> {
    const hearing = await this.get(ctx, input.hearingId);
    authorize(ctx, 'hearing.comment', planResource(hearing.areaId), 'Hearing', hearing.id);
    const plan = await ctx.em.findOneOrFail(Plan, { id: hearing.planId, areaId: hearing.areaId });
    const closed = () =>
      new AppError(ErrorCode.TRANSITION_NOT_ALLOWED, localize({ cs: 'Veřejné projednání není otevřené.', en: 'The public hearing is not open.' }, ctx.locale), {
        ...refusalExtensions(ctx.locale, [
          refusal(RefusalCode.HEARING_CLOSED, {
            cs: `Připomínky lze podávat od ${hearing.opensAt.toISOString()} do ${hearing.closesAt.toISOString()}, a jen dokud plán není schválen.`,
            en: `Comments are taken from ${hearing.opensAt.toISOString()} until ${hearing.closesAt.toISOString()}, and only until the plan is adopted.`,
          }),
        ]),
      });
    if (ctx.now < hearing.opensAt || ctx.now >= hearing.closesAt || (await this.plans.isAdopted(ctx, plan))) throw closed();
    const retryAfter = await hitRateLimit(ctx.em, `hearing-comment:${clientKey(ctx.clientAddress)}`, { max: ctx.limits.hearingCommentsPerHour, windowSeconds: 3600 }, ctx.now);
    if (retryAfter !== null) throw rateLimited(ctx.locale, retryAfter);
    return ctx.em.transactional(async (em) => {
      // A transition of the plan holds its proposal's lock while it judges the hearing rule.
      if ((await lockPlanProposal(em, plan, 'share')) === ProposalPhase.APPROVED) throw closed();
      const comment = em.create(HearingComment, {
        areaId: hearing.areaId,
        hearingId: hearing.id,
        authorName: input.name ?? null,
        authorEmail: input.email ?? null,
        text: input.text.normalize('NFC'),
      });
      await em.flush();
      return comment;
    });
  }

  async answer(ctx: RequestContext, input: { hearingCommentId: string; decision: HearingDecision; justification: string }): Promise<HearingComment> {
    requireId(ctx.locale, 'hearingCommentId', input.hearingCommentId);
    const found = await ctx.em.findOne(HearingComment, { id: input.hearingCommentId });
    if (!found) throw notFound(ctx.locale, 'HearingComment', input.hearingCommentId);
    authorize(ctx, 'hearing.answer', planResource(found.areaId), 'HearingComment', input.hearingCommentId);
    const person = ctx.viewer.personIn(found.areaId);
    const hearing = await ctx.em.findOneOrFail(Hearing, { id: found.hearingId, areaId: found.areaId });
    const plan = await ctx.em.findOneOrFail(Plan, { id: hearing.planId, areaId: found.areaId });
    return ctx.em.transactional(async (em) => {
      // The settlement is part of the adopted plan's record: closed with it.
      if ((await lockPlanProposal(em, plan, 'share')) === ProposalPhase.APPROVED) {
        throw conflict(ctx.locale, { cs: 'Plán je schválen; vypořádání připomínek je uzavřeno.', en: 'The plan is adopted; the settlement of comments is closed.' });
      }
      const comment = await em.findOneOrFail(HearingComment, { id: found.id });
      comment.decision = input.decision;
      comment.justification = input.justification;
      comment.answeredById = person?.id ?? null;
      comment.answeredAt = ctx.now;
      await em.flush();
      return comment;
    });
  }

  async ofPlan(ctx: RequestContext, planId: string): Promise<Hearing[]> {
    return ctx.loaders.childrenOf(Hearing, 'planId', { opensAt: 'asc' }).load(planId);
  }

  async comments(ctx: RequestContext, hearingId: string): Promise<HearingComment[]> {
    return ctx.loaders.childrenOf(HearingComment, 'hearingId', { createdAt: 'asc', id: 'asc' }).load(hearingId);
  }

  /** The settlement table (vypořádání připomínek) of a plan's hearings; NOT_FOUND unless the viewer may read it (hearing.readSettlement). */
  async settlement(ctx: RequestContext, planId: string): Promise<Settlement> {
    const plan = await this.plans.get(ctx, planId);
    authorize(ctx, 'hearing.readSettlement', planResource(plan.areaId, { adopted: await this.plans.isAdopted(ctx, plan) }), 'Plan', plan.id);
    return this.table(ctx, plan);
  }

  /**
   * The settlement as the annex of a plan the viewer got: null when the plan had no hearing or the
   * viewer may not read it (hearing.readSettlement: once adopted, everyone).
   */
  async annex(ctx: RequestContext, planId: string): Promise<Settlement | null> {
    const plan = await ctx.em.findOneOrFail(Plan, { id: planId });
    if (!can(ctx.viewer, 'hearing.readSettlement', planResource(plan.areaId, { adopted: await this.plans.isAdopted(ctx, plan) }))) return null;
    if ((await this.ofPlan(ctx, plan.id)).length === 0) return null;
    return this.table(ctx, plan);
  }

  private async table(ctx: RequestContext, plan: Plan): Promise<Settlement> {
    const hearings = await this.ofPlan(ctx, plan.id);
    const rows = (await Promise.all(hearings.map((h) => this.comments(ctx, h.id)))).flat();
    const decision = (c: HearingComment): string => (c.decision ? DECISION[c.decision][ctx.locale] : localize({ cs: 'Nevypořádáno', en: 'Unanswered' }, ctx.locale));
    const head = ctx.locale === 'cs' ? ['Č.', 'Podal', 'Připomínka', 'Vypořádání', 'Odůvodnění'] : ['No.', 'From', 'Comment', 'Decision', 'Justification'];
    const anonymous = localize({ cs: 'anonymně', en: 'anonymous' }, ctx.locale);
    const markdown = [
      `# ${localize({ cs: 'Vypořádání připomínek', en: 'Settlement of comments' }, ctx.locale)}: ${md(plan.title)}`,
      '',
      `| ${head.join(' | ')} |`,
      `| ${head.map(() => '---').join(' | ')} |`,
      ...rows.map((c, i) => `| ${i + 1} | ${md(c.authorName ?? anonymous)} | ${md(c.text)} | ${decision(c)} | ${md(c.justification ?? '')} |`),
      '',
    ].join('\n');
    const csv = csvDocument(head, rows.map((c, i) => [i + 1, c.authorName ?? anonymous, c.text, decision(c), c.justification ?? '']));
    return { markdown, csv, rows };
  }
}
