import type { RequestContext } from '../context';
import { HearingDecision, ProposalPhase } from '../entities/enums';
import { Hearing, HearingComment } from '../entities/hearing.entity';
import { AppError, badInput, conflict, ErrorCode, notFound, rateLimited, requireId } from '../errors/app-errors';
import { authorize } from '../auth/authority';
import { planResource } from '../auth/resources';
import { RefusalCode, refusal, refusalExtensions } from '../common/refusal';
import { Plan } from '../entities/plan.entity';
import { csvDocument } from '../common/csv';
import { markdownInline as md } from '../common/markdown';
import { localize } from '../i18n/locale';
import type { PlanService } from './plan.service';
import { lockPlanProposal } from '../data/hearing-standing';
import { clientKey, hitRateLimit } from './rate-limiter';

const ADOPTED_NO_HEARING = { cs: 'Plán je schválen; veřejné projednání už nelze otevřít.', en: 'The plan is adopted; a public hearing can no longer be opened.' };

const DECISION: Record<HearingDecision, { cs: string; en: string }> = {
  [HearingDecision.ACCEPTED]: { cs: 'Akceptováno', en: 'Accepted' },
  [HearingDecision.PARTIALLY_ACCEPTED]: { cs: 'Částečně akceptováno', en: 'Partially accepted' },
  [HearingDecision.REJECTED]: { cs: 'Neakceptováno', en: 'Rejected' },
};

/** The public hearing of a plan draft: the coordinator opens it, anyone comments, the coordinator answers. */
export class HearingService {
  constructor(private readonly plans: PlanService) {}

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

  async answer(ctx: RequestContext, input: { commentId: string; decision: HearingDecision; justification: string }): Promise<HearingComment> {
    requireId(ctx.locale, 'commentId', input.commentId);
    const found = await ctx.em.findOne(HearingComment, { id: input.commentId });
    if (!found) throw notFound(ctx.locale, 'HearingComment', input.commentId);
    authorize(ctx, 'hearing.answer', planResource(found.areaId), 'HearingComment', input.commentId);
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

  /** The settlement table (vypořádání připomínek) of a plan's hearings, as rows, Markdown and CSV. */
  async settlement(ctx: RequestContext, planId: string): Promise<{ markdown: string; csv: string; rows: HearingComment[] }> {
    const plan = await this.plans.get(ctx, planId);
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
