import { authorize } from '../auth/authority';
import { inArea } from '../auth/resources';
import type { RequestContext } from '../context';
import { Loaders } from '../data/loaders';
import { GoalStatus, ProjectIntentStatus } from '../domain/enums';
import { Municipality } from '../entities/municipality.entity';
import { Organisation } from '../entities/organisation.entity';
import { Person } from '../entities/person.entity';
import { AppError, requireId } from '../errors/app-errors';
import type { Text } from '../i18n/locale';
import type { ActionPlanService } from './action-plan.service';
import type { AreaService } from './area.service';
import type { PlanRegisterService } from './plan-register.service';
import type { PlanService } from './plan.service';
import { folded } from './people-import.parser';
import { readPlanDocument, type ImportedGuarantor, type ImportedPlan, type PlanImportProblem } from './plan-import.document';

export interface PlanImportCommand {
  areaId: string;
  /** The JSON file `exportPlan(format: JSON)` wrote. */
  content: Buffer;
  /** Only report what would happen; nothing is written. */
  dryRun: boolean;
  /** A working group of the area: the imported plan starts its approval there (a PLAN proposal), as `createPlan` does. */
  workingGroupBodyId: string | null;
}

export interface PlanImportReport {
  areaId: string;
  dryRun: boolean;
  /** Whether the plan was written (never with a problem, never in a dry run). */
  applied: boolean;
  /** The new plan, when applied. */
  planId: string | null;
  problems: PlanImportProblem[];
  /** What the import creates (or would create). */
  summary: Record<'priorities' | 'goals' | 'measures' | 'indicators' | 'values' | 'guarantors' | 'swotItems' | 'solutionVariants' | 'actionPlans' | 'projectIntents' | 'risks' | 'stakeholders', number>;
}

/**
 * The most parts (priorities, goals, measures, indicators, values, guarantors, items of the
 * registers, intents) one import creates: a district's plan has a few hundred. Each part is judged
 * by its service (some 10–20 ms), in one transaction: 2,000 parts take well under a minute.
 */
const MAX_PARTS = 2_000;

/** Thrown to roll back a dry run or an import with problems. */
class RollBack extends Error {}

/** How an intent reaches its status from PLANNED, one report a step. */
const STEPS_TO: Record<ProjectIntentStatus, ProjectIntentStatus[]> = {
  [ProjectIntentStatus.PLANNED]: [],
  [ProjectIntentStatus.IN_PROGRESS]: [ProjectIntentStatus.IN_PROGRESS],
  [ProjectIntentStatus.DONE]: [ProjectIntentStatus.IN_PROGRESS, ProjectIntentStatus.DONE],
  [ProjectIntentStatus.CANCELLED]: [ProjectIntentStatus.CANCELLED],
};

/** The area's people, organisations and municipalities by name, for guarantors named in a document. */
interface Names {
  people: Map<string, string[]>;
  organisations: Map<string, string[]>;
  municipalities: Map<string, string[]>;
}

  /** How each kind of guarantor is found by name, and the words when it is not found once. */
const WHAT: Record<'person' | 'organisation' | 'municipality', { index: keyof Names; missing: Text; several: Text }> = {
    person: {
      index: 'people',
      missing: { cs: 'V oblasti není osoba tohoto jména.', en: 'The area has no person of this name.' },
      several: { cs: 'V oblasti je více osob tohoto jména.', en: 'The area has several people of this name.' },
    },
    organisation: {
      index: 'organisations',
      missing: { cs: 'V oblasti není organizace tohoto názvu.', en: 'The area has no organisation of this name.' },
      several: { cs: 'V oblasti je více organizací tohoto názvu.', en: 'The area has several organisations of this name.' },
    },
    municipality: {
      index: 'municipalities',
      missing: { cs: 'Oblast nemá obec tohoto názvu.', en: 'The area has no municipality of this name.' },
      several: { cs: 'Oblast má více obcí tohoto názvu.', en: 'The area has several municipalities of this name.' },
    },
  };

/**
 * A plan brought in from another area (or another installation): the JSON document that
 * `exportPlan` writes becomes a new plan of this area with its whole content. Guarantors are named
 * in the document by name and found among this area's people, organisations and municipalities.
 * Everything goes through the services that the plan's mutations use, inside one transaction, so
 * their rules judge each part (who may create and edit plans, who may be named a guarantor, no
 * value for a day to come…); a refusal becomes a problem at the part's path. A dry run, or any
 * problem, rolls the whole transaction back: a plan is imported whole or not at all. The new plan
 * is a draft of this area: its approval, adoption and years in force are the area's own.
 */
export class PlanImportService {
  constructor(
    private readonly areas: AreaService,
    private readonly plans: PlanService,
    private readonly register: PlanRegisterService,
    private readonly actionPlans: ActionPlanService,
  ) {}

  async run(ctx: RequestContext, command: PlanImportCommand): Promise<PlanImportReport> {
    requireId(ctx.locale, 'areaId', command.areaId);
    if (command.workingGroupBodyId !== null) requireId(ctx.locale, 'workingGroupBodyId', command.workingGroupBodyId);
    const area = await this.areas.get(ctx, command.areaId);
    authorize(ctx, 'plan.import', inArea(area.id), 'Area', area.id);

    const { plan: document, problems } = readPlanDocument(command.content);
    const summary = document ? this.count(document) : this.count(null);
    const report: PlanImportReport = { areaId: area.id, dryRun: command.dryRun, applied: false, planId: null, problems, summary };
    if (!document) return report;
    const parts = Object.values(summary).reduce((a, b) => a + b, 0);
    if (parts > MAX_PARTS) {
      problems.push({
        path: '$',
        code: 'TOO_MANY_PARTS',
        value: String(parts),
        message: { cs: `Plán má ${parts} částí; import jich přijme nejvýše ${MAX_PARTS}.`, en: `The plan has ${parts} parts; an import takes at most ${MAX_PARTS}.` },
      });
      return report;
    }

    try {
      await ctx.em.transactional(async (em) => {
        // The services run on this transaction: each of their own transactions is a savepoint in it.
        const tx: RequestContext = { ...ctx, em, loaders: new Loaders(em) };
        const planId = await this.write(tx, area.id, document, command.workingGroupBodyId, problems);
        if (command.dryRun || problems.length) throw new RollBack();
        report.planId = planId;
      });
      report.applied = true;
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
    }
    return report;
  }

  private count(d: ImportedPlan | null): PlanImportReport['summary'] {
    const goals = d?.priorities.flatMap((p) => p.goals) ?? [];
    const measures = goals.flatMap((g) => g.measures);
    const indicators = measures.flatMap((m) => m.indicators);
    const intents = d?.actionPlans.flatMap((a) => a.intents) ?? [];
    return {
      priorities: d?.priorities.length ?? 0,
      goals: goals.length,
      measures: measures.length,
      indicators: indicators.length,
      values: indicators.reduce((n, i) => n + i.values.length, 0),
      guarantors: goals.reduce((n, g) => n + g.guarantors.length, 0) + indicators.reduce((n, i) => n + i.guarantors.length, 0),
      swotItems: d?.swot.length ?? 0,
      solutionVariants: d?.solutionVariants.length ?? 0,
      actionPlans: d?.actionPlans.length ?? 0,
      projectIntents: intents.length,
      risks: d?.risks.length ?? 0,
      stakeholders: d?.stakeholders.length ?? 0,
    };
  }

  /** Creates the plan part by part; returns its id (null when the plan itself was refused). */
  private async write(tx: RequestContext, areaId: string, d: ImportedPlan, workingGroupBodyId: string | null, problems: PlanImportProblem[]): Promise<string | null> {
    const attempt = <T>(path: string, call: () => Promise<T>): Promise<T | null> => this.attempt(path, problems, call);
    // Each part on a clean unit of work: what was written stays in the transaction, not in the
    // identity map, so that every flush weighs one part, not the whole plan so far.
    const part = (): RequestContext => {
      tx.em.clear();
      return { ...tx, loaders: new Loaders(tx.em) };
    };
    const plan = await attempt('$', () => this.plans.create(part(), { areaId, title: d.title, yearFrom: d.yearFrom, yearTo: d.yearTo, workingGroupBodyId }));
    if (!plan) return null;
    const names = await this.names(part(), areaId);
    const measureByRef = new Map<string, string>();
    const measuresByTitle = new Map<string, string[]>();

    for (const p of d.priorities) {
      const priority = (await attempt(p.path, () => this.plans.addPriority(part(), { parentId: plan.id, title: p.title })))?.added;
      if (!priority) continue;
      for (const g of p.goals) {
        const goal = (await attempt(g.path, () => this.plans.addGoal(part(), { parentId: priority.id, title: g.title })))?.added;
        if (!goal) continue;
        for (const who of g.guarantors) {
          const ids = this.resolve(who, names, problems);
          if (ids) await attempt(who.path, () => this.plans.assignGoalGuarantor(part(), { goalId: goal.id, ...ids }));
        }
        if (g.status !== GoalStatus.NOT_STARTED || g.statusComment) {
          await attempt(`${g.path}.status`, () => this.plans.updateGoalStatus(part(), { goalId: goal.id, status: g.status, comment: g.statusComment }));
        }
        for (const m of g.measures) {
          const measure = (await attempt(m.path, () => this.plans.addMeasure(part(), { parentId: goal.id, title: m.title, description: m.description })))?.added;
          if (!measure) continue;
          if (m.ref) measureByRef.set(m.ref, measure.id);
          measuresByTitle.set(folded(m.title), [...(measuresByTitle.get(folded(m.title)) ?? []), measure.id]);
          for (const i of m.indicators) {
            const guarantors = i.guarantors.map((who) => this.resolve(who, names, problems));
            const { path: _path, guarantors: _guarantors, values, ...fields } = i;
            const indicator = (
              await attempt(i.path, () =>
              this.plans.addIndicator(part(), {
                ...fields,
                measureId: measure.id,
                guarantorPersonIds: guarantors.flatMap((g) => (g?.personId ? [g.personId] : [])),
                guarantorOrganisationIds: guarantors.flatMap((g) => (g?.organisationId ? [g.organisationId] : [])),
              }),
              )
            )?.added;
            if (!indicator) continue;
            for (const v of [...values].sort((a, b) => a.date.localeCompare(b.date))) {
              await attempt(v.path, () => this.plans.recordValue(part(), { indicatorId: indicator.id, value: v.value, measuredOn: v.date, note: v.note }));
            }
          }
        }
      }
    }

    for (const s of d.swot) await attempt(s.path, () => this.register.addSwotItem(part(), { planId: plan.id, kind: s.kind, text: s.text }));
    for (const v of d.solutionVariants) await attempt(v.path, () => this.register.addSolutionVariant(part(), { planId: plan.id, title: v.title, description: v.description, chosen: v.chosen }));
    for (const { path, ...risk } of d.risks) await attempt(path, () => this.register.addRisk(part(), { ...risk, planId: plan.id }));
    for (const { path, ...stakeholder } of d.stakeholders) await attempt(path, () => this.register.addStakeholder(part(), { ...stakeholder, planId: plan.id }));

    for (const a of d.actionPlans) {
      const actionPlan = await attempt(a.path, () => this.actionPlans.create(part(), { planId: plan.id, year: a.year }));
      if (!actionPlan) continue;
      for (const i of a.intents) {
        const byTitle = i.measureTitle ? (measuresByTitle.get(folded(i.measureTitle)) ?? []) : [];
        const byRef = i.measureRef ? measureByRef.get(i.measureRef) : undefined;
        // Named both ways, the two must agree: the id says which measure, the title what it is.
        const disagree = byRef !== undefined && i.measureTitle !== null && !byTitle.includes(byRef);
        const measureId = disagree ? undefined : (byRef ?? (byTitle.length === 1 ? byTitle[0] : undefined));
        if (!measureId) {
          problems.push({
            path: `${i.path}.measure`,
            code: 'UNKNOWN_MEASURE',
            value: i.measureTitle,
            message: {
              cs: 'Opatření záměru v dokumentu není (nebo jich je více s tímto názvem, nebo jeho id a název ukazují na různá opatření).',
              en: "The intent's measure is not in the document (or several bear this title, or its id and title name different measures).",
            },
          });
          continue;
        }
        const { title, responsibleOrganisation, budgetCzk, fundingSources, startsOn, endsOn } = i;
        const intent = await attempt(i.path, () => this.actionPlans.addIntent(part(), { actionPlanId: actionPlan.id, measureId, title, responsibleOrganisation, budgetCzk, fundingSources, startsOn, endsOn }));
        if (!intent) continue;
        const steps = STEPS_TO[i.status];
        for (const [n, status] of steps.entries()) {
          const note = n === steps.length - 1 ? i.monitoringNote : null;
          await attempt(`${i.path}.status`, () => this.actionPlans.report(part(), { projectIntentId: intent.id, status, note }));
        }
        if (!steps.length && i.monitoringNote) {
          await attempt(`${i.path}.monitoringNote`, () => this.actionPlans.report(part(), { projectIntentId: intent.id, note: i.monitoringNote }));
        }
      }
    }
    return plan.id;
  }

  private async names(tx: RequestContext, areaId: string): Promise<Names> {
    const index = (rows: Array<{ id: string; name: string }>): Map<string, string[]> => {
      const map = new Map<string, string[]>();
      for (const r of rows) map.set(folded(r.name), [...(map.get(folded(r.name)) ?? []), r.id]);
      return map;
    };
    return {
      people: index(await tx.em.find(Person, { areaId, erasedAt: null })),
      organisations: index(await tx.em.find(Organisation, { areaId })),
      municipalities: index(await tx.em.find(Municipality, { areaId })),
    };
  }

  /** The ids of a guarantor named in the document, or null with a problem for each name not found once in the area. */
  private resolve(who: ImportedGuarantor, names: Names, problems: PlanImportProblem[]): { personId: string | null; organisationId: string | null; municipalityId: string | null } | null {
    const ids = { personId: null as string | null, organisationId: null as string | null, municipalityId: null as string | null };
    let found = true;
    for (const kind of ['person', 'organisation', 'municipality'] as const) {
      const name = who[kind];
      if (!name) continue;
      const matches = names[WHAT[kind].index].get(folded(name)) ?? [];
      if (matches.length === 1) ids[`${kind}Id`] = matches[0];
      else {
        found = false;
        const several = matches.length > 1;
        problems.push({ path: `${who.path}.${kind}`, code: several ? 'AMBIGUOUS_NAME' : 'UNKNOWN_NAME', value: name, message: several ? WHAT[kind].several : WHAT[kind].missing });
      }
    }
    return found ? ids : null;
  }

  /** A service's refusal of one part becomes a problem at the part's path. */
  private async attempt<T>(path: string, problems: PlanImportProblem[], call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // The refusal's words come in the request's language (a bad input's names its fields).
      problems.push({ path, code: err.extensions.code as string, value: null, message: { cs: err.message, en: err.message } });
      return null;
    }
  }
}
