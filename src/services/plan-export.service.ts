import { markdownBlock, markdownInline as md } from '../common/markdown';
import { GOAL_STATUS_LABEL, LEVEL_LABEL, PLAN_STATUS_LABEL, PROJECT_INTENT_STATUS_LABEL, RISK_AREA_LABEL, STAKEHOLDER_QUADRANT_LABEL } from '../domain/labels';
import { localize, type Text } from '../i18n/locale';
import type { RequestContext } from '../context';
import { displayName } from '../common/person-name';
import { intentView, riskView, stakeholderView } from '../mappers/plan.mapper';
import type { ActionPlanService } from './action-plan.service';
import type { PlanRegisterService } from './plan-register.service';
import type { PlanService } from './plan.service';
import { fileNamePart, textDocument, type ExportedDocument } from './exported-document';

/** A guarantor by name: "Výsluní, Jana Nováková" (a municipality and the person for it), a person, or an organisation. */
const guarantorName = (g: { municipality?: string | null; person: string | null; organisation: string | null }): string =>
  [g.municipality, g.person, g.organisation].filter(Boolean).join(', ');

/** What marks a plan's JSON document, and its version: `importPlan` reads documents of this format. */
export const PLAN_DOCUMENT_FORMAT = 'triada-plan';
export const PLAN_DOCUMENT_VERSION = 1;

/** Guarantors in the document by name, so that it reads the same wherever and whenever they were named. */
const byName = <T extends { municipality?: string | null; person: string | null; organisation: string | null }>(list: T[]): T[] =>
  [...list].sort((a, b) => guarantorName(a).localeCompare(guarantorName(b), 'cs'));

export type PlanDocument = Awaited<ReturnType<PlanExportService['document']>>;

/** A plan as one document: its structure, guarantors, indicators with their latest values, risks and stakeholders. */
export class PlanExportService {
  constructor(private readonly plans: PlanService, private readonly register: PlanRegisterService, private readonly actionPlans: ActionPlanService) {}

  async document(ctx: RequestContext, planId: string) {
    const plan = await this.plans.get(ctx, planId);
    const { status, adoptedAt, inForceYears } = await this.plans.standing(ctx, plan);
    const personName = async (id: string | null) => {
      const person = id ? await ctx.loaders.personById.load(id) : null;
      return person ? displayName(person, ctx.locale) : null;
    };
    const organisationName = async (id: string | null) => (id ? ((await ctx.loaders.organisationById.load(id))?.name ?? null) : null);
    const priorities = [];
    for (const p of await this.plans.priorities(ctx, plan.id)) {
      const goals = [];
      for (const g of await this.plans.goals(ctx, p.id)) {
        const guarantors = [];
        for (const gg of await this.plans.guarantors(ctx, g.id)) {
          const municipality = gg.municipalityId ? ((await ctx.loaders.municipalityById.load(gg.municipalityId))?.name ?? null) : null;
          guarantors.push({ municipality, person: await personName(gg.personId), organisation: await organisationName(gg.organisationId) });
        }
        const measures = [];
        for (const m of await this.plans.measures(ctx, g.id)) {
          const indicators = [];
          for (const i of await this.plans.indicators(ctx, m.id)) {
            const values = (await this.plans.values(ctx, i.id)).map(({ value: v }) => ({ date: v.measuredOn, value: Number(v.value), note: v.note }));
            const latest = values.at(-1);
            const guarantors = [];
            for (const ig of await this.plans.indicatorGuarantors(ctx, i.id)) {
              guarantors.push({ person: await personName(ig.personId), organisation: await organisationName(ig.organisationId) });
            }
            indicators.push({
              name: i.name,
              unit: i.unit,
              baseline: { value: Number(i.baselineValue), date: i.baselineDate },
              target: { value: Number(i.targetValue), date: i.targetDate },
              direction: i.direction,
              reportingPeriod: i.reportingPeriod,
              guarantors: byName(guarantors),
              values,
              latest: latest ? { value: latest.value, date: latest.date } : null,
            });
          }
          measures.push({ id: m.id, title: m.title, description: m.description, indicators });
        }
        goals.push({ title: g.title, status: g.status, statusComment: g.statusComment, guarantors: byName(guarantors), measures });
      }
      priorities.push({ title: p.title, goals });
    }
    const risks = (await this.register.risks(ctx, plan.id)).map(riskView).map((r) => ({
      area: r.riskArea,
      description: r.description,
      probability: r.probability,
      impact: r.impact,
      score: r.score,
      mitigation: r.mitigation,
      owner: r.owner,
      reviewDate: r.reviewDate,
    }));
    const stakeholders = (await this.register.stakeholders(ctx, plan.id))
      .map((s) => stakeholderView(s, ctx.locale))
      .map(({ name, description, influence, interest, quadrant }) => ({ name, description, influence, interest, quadrant }));
    const measureTitles = new Map(priorities.flatMap((p) => p.goals.flatMap((g) => g.measures.map((m) => [m.id, m.title] as const))));
    const actionPlans = [];
    for (const a of await this.actionPlans.ofPlan(ctx, plan.id)) {
      const intents = (await this.actionPlans.intents(ctx, a.id)).map(intentView).map(({ title, measureId, responsibleOrganisation, budgetCzk, fundingSources, startsOn, endsOn, status, monitoringNote }) => ({
        title,
        measureId,
        measure: measureTitles.get(measureId) ?? null,
        responsibleOrganisation,
        budgetCzk,
        fundingSources,
        startsOn,
        endsOn,
        status,
        monitoringNote,
      }));
      actionPlans.push({ year: a.year, intents });
    }
    const swot = (await this.register.swot(ctx, plan.id)).map(({ kind, text }) => ({ kind, text }));
    const solutionVariants = (await this.register.variants(ctx, plan.id)).map(({ title, description, chosen }) => ({ title, description, chosen }));
    return {
      format: PLAN_DOCUMENT_FORMAT,
      formatVersion: PLAN_DOCUMENT_VERSION,
      title: plan.title,
      period: { from: plan.yearFrom, to: plan.yearTo },
      status,
      adoptedAt,
      inForceYears,
      priorities,
      swot,
      solutionVariants,
      actionPlans,
      risks,
      stakeholders,
    };
  }

  /** The plan as a JSON file: what `importPlan` reads back. */
  async json(ctx: RequestContext, planId: string): Promise<ExportedDocument> {
    const d = await this.document(ctx, planId);
    return textDocument(`${fileNamePart(d.title)}.json`, 'application/json', `${JSON.stringify(d, null, 2)}\n`);
  }

  /** The plan as a readable Markdown file. */
  async markdown(ctx: RequestContext, planId: string): Promise<ExportedDocument> {
    const d = await this.document(ctx, planId);
    return textDocument(`${fileNamePart(d.title)}.md`, 'text/markdown; charset=utf-8', this.render(ctx, d));
  }

  private render(ctx: RequestContext, d: PlanDocument): string {
    // Values of enumerations by their words in the request's language (the JSON export keeps the codes).
    const say = <K extends string>(labels: Record<K, Text>, value: K): string => localize(labels[value], ctx.locale);
    const out = [`# ${md(d.title)}`, '', `Období / Period: ${d.period.from}–${d.period.to} · Stav / Status: ${say(PLAN_STATUS_LABEL, d.status)}`, ''];
    if (d.adoptedAt) out.push(`Schválen / Adopted: ${d.adoptedAt.toISOString().slice(0, 10)} · Platí pro roky / In force for: ${d.inForceYears.join(', ') || '—'}`, '');
    d.priorities.forEach((p, pi) => {
      out.push(`## ${pi + 1}. ${md(p.title)}`, '');
      p.goals.forEach((g, gi) => {
        out.push(`### Cíl ${pi + 1}.${gi + 1}: ${md(g.title)}`, '');
        const who = md(g.guarantors.map(guarantorName).join('; '));
        out.push(`Gestor cíle: ${who || '—'} · Stav: ${say(GOAL_STATUS_LABEL, g.status)}`, '');
        g.measures.forEach((m, mi) => {
          out.push(`#### Opatření ${pi + 1}.${gi + 1}.${mi + 1}: ${md(m.title)}`, '');
          if (m.description) out.push(markdownBlock(m.description), '');
          if (m.indicators.length) {
            out.push('| Indikátor | Výchozí stav | Cíl | Poslední hodnota | Gestor indikátoru |', '| --- | --- | --- | --- | --- |');
            for (const i of m.indicators) {
              const unit = md(i.unit);
              const latest = i.latest ? `${i.latest.value} ${unit} (${i.latest.date})` : '—';
              const guarantors = i.guarantors.map(guarantorName).join('; ') || '—';
              out.push(`| ${md(i.name)} | ${i.baseline.value} ${unit} (${i.baseline.date}) | ${i.target.value} ${unit} (${i.target.date}) | ${latest} | ${md(guarantors)} |`);
            }
            out.push('');
          }
        });
      });
    });
    for (const a of d.actionPlans) {
      out.push(`## Akční plán ${a.year} / Action plan ${a.year}`, '');
      if (!a.intents.length) {
        out.push('—', '');
        continue;
      }
      out.push('| Projektový záměr | Opatření | Realizátor | Rozpočet (Kč) | Zdroje | Termín | Stav |', '| --- | --- | --- | --- | --- | --- | --- |');
      for (const i of a.intents) {
        out.push(
          `| ${md(i.title)} | ${md(i.measure ?? '—')} | ${md(i.responsibleOrganisation)} | ${i.budgetCzk.toLocaleString('cs-CZ')} | ${md(i.fundingSources ?? '—')} | ${i.startsOn} – ${i.endsOn} | ${say(PROJECT_INTENT_STATUS_LABEL, i.status)} |`,
        );
      }
      out.push('');
    }
    if (d.risks.length) {
      out.push('## Registr rizik / Risk register', '', '| Oblast | Riziko | P | D | Skóre | Opatření | Vlastník |', '| --- | --- | --- | --- | --- | --- | --- |');
      for (const r of d.risks) out.push(`| ${say(RISK_AREA_LABEL, r.area)} | ${md(r.description)} | ${r.probability} | ${r.impact} | ${r.score} | ${md(r.mitigation ?? '')} | ${md(r.owner ?? '')} |`);
      out.push('');
    }
    if (d.stakeholders.length) {
      out.push('## Zainteresované strany / Stakeholders', '', '| Skupina | Vliv | Zájem | Kvadrant |', '| --- | --- | --- | --- |');
      for (const s of d.stakeholders) out.push(`| ${md(s.name)} | ${say(LEVEL_LABEL, s.influence)} | ${say(LEVEL_LABEL, s.interest)} | ${say(STAKEHOLDER_QUADRANT_LABEL, s.quadrant)} |`);
      out.push('');
    }
    return out.join('\n');
  }
}
