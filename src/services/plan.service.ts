import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadForChange } from '../data/load-for-change';
import type { RequestContext } from '../context';
import { GoalStatus, PlanStatus, ProposalKind, ReportingPeriod, type IndicatorDirection } from '../entities/enums';
import { Municipality } from '../entities/municipality.entity';
import { Person } from '../entities/person.entity';
import { GoalGuarantor, Indicator, IndicatorGuarantor, IndicatorValue, Plan, PlanGoal, PlanMeasure, PlanPriority } from '../entities/plan.entity';
import { badInput, conflict, notFound, requireId } from '../errors/app-errors';
import type { Text } from '../i18n/locale';
import { pragueDay } from '../common/dates';
import { uniqueOrConflict } from './unique';
import { authorize, can } from '../auth/authority';
import { guarantorsOf, inArea, planResource } from '../auth/resources';
import type { OrganisationService } from './organisation.service';
import { loadPlanStandings, type PlanStanding } from './plan-standing';
import type { ProposalService } from './proposal.service';
import { refuseErased } from './erased-person';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface AddIndicatorCommand {
  measureId: string;
  name: string;
  unit: string;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
  direction: IndicatorDirection;
  guarantorPersonIds?: string[] | null;
  guarantorOrganisationIds?: string[] | null;
  reportingPeriod?: ReportingPeriod | null;
}

/** A part added to a record: the new part, and the record that lists it (what a screen redraws). */
export interface Added<Part, Parent> {
  added: Part;
  parent: Parent;
}

export interface AddPlanPartCommand {
  parentId: string;
  title: string;
  description?: string | null;
}

export interface AssignGoalGuarantorCommand {
  goalId: string;
  municipalityId?: string | null;
  personId?: string | null;
  organisationId?: string | null;
}

export interface AssignIndicatorGuarantorCommand {
  indicatorId: string;
  personId?: string | null;
  organisationId?: string | null;
}

export interface CreatePlanCommand {
  areaId: string;
  title: string;
  yearFrom: number;
  yearTo: number;
  workingGroupBodyId?: string | null;
}

export interface RecordIndicatorValueCommand {
  indicatorId: string;
  value: number;
  measuredOn: string;
  note?: string | null;
}

export interface CorrectIndicatorValueCommand {
  indicatorValueId: string;
  value: number;
  /** Another day, when the day was wrong; the corrected value's day otherwise. */
  measuredOn?: string | null;
  note?: string | null;
  reason: string;
}

/** A value in force, with the value it corrected (if it is a correction). */
export interface ValueInForce {
  value: IndicatorValue;
  corrects: IndicatorValue | null;
}

/**
 * Writes to one indicator's values go one at a time (its row locked until commit): two corrections
 * crossing each other's days would otherwise wait on each other's unique-index check and deadlock.
 */
async function lockValuesOf(em: EntityManager, indicatorId: string): Promise<void> {
  await em.findOneOrFail(Indicator, { id: indicatorId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

const SAME_DAY: Text = {
  cs: 'Hodnota k tomuto dni je už zapsána: opravte ji (correctIndicatorValue) s uvedením důvodu.',
  en: 'A value for this day is recorded already: correct it (correctIndicatorValue), saying why.',
};
const ALREADY_CORRECTED: Text = {
  cs: 'Tato hodnota už byla opravena: opravujte hodnotu, která platí.',
  en: 'This value has been corrected already: correct the value in force.',
};

export interface RemoveGuarantorCommand {
  guarantorId: string;
}

export interface UpdateGoalStatusCommand {
  goalId: string;
  status: GoalStatus;
  comment?: string | null;
}

/** Plan standings memoised per request (the context object), so a list reads them once. */
const STANDINGS = new WeakMap<RequestContext, Map<string, Promise<Map<string, PlanStanding>>>>();

const FROZEN = {
  cs: 'Plán je schválen a jeho text je uzavřen; změnu přinese aktualizace plánu schválená stejnou cestou.',
  en: 'The plan is adopted and its text is closed; a change needs an updated plan approved the same way.',
};
const ALREADY_GUARANTOR: Text = { cs: 'Tento gestor už je uveden.', en: 'This guarantor is already named.' };

/** Whether two guarantor rows name the same guarantor. */
const sameGuarantor = (a: Partial<Pick<GoalGuarantor, 'municipalityId' | 'personId' | 'organisationId'>>, b: typeof a): boolean =>
  (a.municipalityId ?? null) === (b.municipalityId ?? null) && (a.personId ?? null) === (b.personId ?? null) && (a.organisationId ?? null) === (b.organisationId ?? null);

/** Plans and their structure. Coordinators and support edit; the area reads; the public reads adopted plans. */
export class PlanService {
  constructor(private readonly proposals: ProposalService, private readonly organisations: OrganisationService) {}

  /** Where every plan of an area stands, read once per request and area. */
  standings(ctx: RequestContext, areaId: string): Promise<Map<string, PlanStanding>> {
    let perArea = STANDINGS.get(ctx);
    if (!perArea) STANDINGS.set(ctx, (perArea = new Map<string, Promise<Map<string, PlanStanding>>>()));
    let found = perArea.get(areaId);
    if (!found) perArea.set(areaId, (found = loadPlanStandings(ctx.em, areaId, Number(ctx.today.slice(0, 4)))));
    return found;
  }

  /** Status and years in force of one plan (see planStandings for the rule). */
  async standing(ctx: RequestContext, plan: Plan): Promise<PlanStanding> {
    return (await this.standings(ctx, plan.areaId)).get(plan.id) ?? { status: PlanStatus.DRAFT, adoptedAt: null, inForceYears: [] };
  }

  async status(ctx: RequestContext, plan: Plan): Promise<PlanStatus> {
    return (await this.standing(ctx, plan)).status;
  }

  /** The plan governing a year in an area, if any: only one is in force for a year. */
  async inForce(ctx: RequestContext, areaId: string, year: number): Promise<Plan | null> {
    requireId(ctx.locale, 'areaId', areaId);
    for (const [id, standing] of await this.standings(ctx, areaId)) {
      if (standing.inForceYears.includes(year)) return ctx.em.findOne(Plan, { id, areaId });
    }
    return null;
  }

  /** Whether the plan's text is adopted (adopted, or superseded by a later one). */
  async isAdopted(ctx: RequestContext, plan: Plan): Promise<boolean> {
    const status = await this.status(ctx, plan);
    return status === PlanStatus.ADOPTED || status === PlanStatus.SUPERSEDED;
  }

  async canRead(ctx: RequestContext, plan: Plan): Promise<boolean> {
    // Most readers are admitted by their role or seat; the plan's standing is read only for the others.
    if (can(ctx.viewer, 'plan.read', planResource(plan.areaId))) return true;
    return can(ctx.viewer, 'plan.read', planResource(plan.areaId, { adopted: await this.isAdopted(ctx, plan) }));
  }

  async get(ctx: RequestContext, id: string): Promise<Plan> {
    requireId(ctx.locale, 'id', id);
    const plan = await ctx.em.findOne(Plan, { id });
    if (!plan || !(await this.canRead(ctx, plan))) throw notFound(ctx.locale, 'Plan', id);
    return plan;
  }

  async list(ctx: RequestContext, areaId: string): Promise<Plan[]> {
    requireId(ctx.locale, 'areaId', areaId);
    const plans = await ctx.em.find(Plan, { areaId }, { orderBy: { yearFrom: 'desc', id: 'asc' } });
    const visible: Plan[] = [];
    for (const p of plans) if (await this.canRead(ctx, p)) visible.push(p);
    return visible;
  }

  /** The plan owning any part, for permission checks: a plan, priority, goal, measure or indicator id. */
  private async planOf(ctx: RequestContext, kind: 'plan' | 'priority' | 'goal' | 'measure' | 'indicator', id: string): Promise<Plan> {
    requireId(ctx.locale, 'id', id);
    let planId: string | undefined;
    let current: { kind: typeof kind; id: string } = { kind, id };
    for (let depth = 0; depth < 5 && !planId; depth++) {
      switch (current.kind) {
        case 'plan':
          planId = current.id;
          break;
        case 'priority': {
          const row = await ctx.em.findOne(PlanPriority, { id: current.id });
          if (!row) throw notFound(ctx.locale, 'PlanPriority', id);
          current = { kind: 'plan', id: row.planId };
          break;
        }
        case 'goal': {
          const row = await ctx.em.findOne(PlanGoal, { id: current.id });
          if (!row) throw notFound(ctx.locale, 'PlanGoal', id);
          current = { kind: 'priority', id: row.priorityId };
          break;
        }
        case 'measure': {
          const row = await ctx.em.findOne(PlanMeasure, { id: current.id });
          if (!row) throw notFound(ctx.locale, 'PlanMeasure', id);
          current = { kind: 'goal', id: row.goalId };
          break;
        }
        case 'indicator': {
          const row = await ctx.em.findOne(Indicator, { id: current.id });
          if (!row) throw notFound(ctx.locale, 'Indicator', id);
          current = { kind: 'measure', id: row.measureId };
          break;
        }
      }
    }
    return this.get(ctx, planId as string);
  }

  /** The plan owning a part, for a change: NOT_FOUND unless visible, FORBIDDEN unless the viewer edits plans of its area. */
  async forEditing(ctx: RequestContext, kind: 'plan' | 'priority' | 'goal' | 'measure' | 'indicator', id: string): Promise<Plan> {
    const plan = await this.planOf(ctx, kind, id);
    authorize(ctx, 'plan.edit', planResource(plan.areaId), 'Plan', plan.id);
    return plan;
  }

  /**
   * The plan owning a part of its text (structure, indicators, analysis), for a change: as
   * forEditing, and CONFLICT once the plan is adopted. The adopted text is the one the assembly
   * approved; a change is a new plan (an update) through the pipeline. Monitoring goes on.
   */
  async forTextEditing(ctx: RequestContext, kind: 'plan' | 'priority' | 'goal' | 'measure' | 'indicator', id: string): Promise<Plan> {
    const plan = await this.forEditing(ctx, kind, id);
    const { status } = await this.standing(ctx, plan);
    if (status === PlanStatus.ADOPTED || status === PlanStatus.SUPERSEDED) {
      throw conflict(ctx.locale, FROZEN);
    }
    return plan;
  }

  async create(ctx: RequestContext, input: CreatePlanCommand): Promise<Plan> {
    authorize(ctx, 'plan.create', inArea(input.areaId), 'Area', input.areaId);
    if (input.yearTo < input.yearFrom) throw badInput(ctx.locale, [{ field: 'yearTo', text: { cs: 'Konec je před začátkem.', en: 'yearTo is before yearFrom.' } }]);
    const proposal = input.workingGroupBodyId
      ? await this.proposals.create(ctx, {
          workingGroupBodyId: input.workingGroupBodyId,
          kind: ProposalKind.PLAN,
          title: input.title,
          summary: `Střednědobý plán na období ${input.yearFrom}–${input.yearTo}`,
        }, 'plan', input.areaId)
      : null;
    return ctx.em.transactional(async (em) => {
      const plan = em.create(Plan, { areaId: input.areaId, title: input.title, yearFrom: input.yearFrom, yearTo: input.yearTo, proposalId: proposal?.id ?? null });
      await em.flush();
      return plan;
    });
  }

  /** Adds a priority to a plan: the new priority and the plan, which lists it. */
  async addPriority(ctx: RequestContext, input: AddPlanPartCommand): Promise<Added<PlanPriority, Plan>> {
    const plan = await this.forTextEditing(ctx, 'plan', input.parentId);
    const added = await ctx.em.transactional(async (em) => {
      const position = (await em.count(PlanPriority, { planId: plan.id })) + 1;
      const row = em.create(PlanPriority, { areaId: plan.areaId, planId: plan.id, position, title: input.title });
      await em.flush();
      return row;
    });
    return { added, parent: plan };
  }

  /** Adds a goal to a priority: the new goal and the priority, which lists it. */
  async addGoal(ctx: RequestContext, input: AddPlanPartCommand): Promise<Added<PlanGoal, PlanPriority>> {
    const plan = await this.forTextEditing(ctx, 'priority', input.parentId);
    return ctx.em.transactional(async (em) => {
      const priority = await em.findOneOrFail(PlanPriority, { id: input.parentId });
      const position = (await em.count(PlanGoal, { priorityId: priority.id })) + 1;
      const added = em.create(PlanGoal, { areaId: plan.areaId, priorityId: priority.id, position, title: input.title, status: GoalStatus.NOT_STARTED });
      await em.flush();
      return { added, parent: priority };
    });
  }

  /** Adds a measure to a goal: the new measure and the goal, which lists it. */
  async addMeasure(ctx: RequestContext, input: AddPlanPartCommand): Promise<Added<PlanMeasure, PlanGoal>> {
    const plan = await this.forTextEditing(ctx, 'goal', input.parentId);
    return ctx.em.transactional(async (em) => {
      const goal = await em.findOneOrFail(PlanGoal, { id: input.parentId });
      const position = (await em.count(PlanMeasure, { goalId: goal.id })) + 1;
      const added = em.create(PlanMeasure, { areaId: plan.areaId, goalId: goal.id, position, title: input.title, description: input.description ?? null });
      await em.flush();
      return { added, parent: goal };
    });
  }

  /** A person of the area who may still be named (an erased person is given nothing new). */
  private async personOfArea(ctx: RequestContext, areaId: string, personId: string): Promise<void> {
    requireId(ctx.locale, 'personId', personId);
    const person = await ctx.em.findOne(Person, { id: personId, areaId });
    if (!person) throw notFound(ctx.locale, 'Person', personId);
    refuseErased(ctx, person);
  }

  /** Adds an indicator to a measure: the new indicator and the measure, which lists it. */
  async addIndicator(ctx: RequestContext, input: AddIndicatorCommand): Promise<Added<Indicator, PlanMeasure>> {
    const plan = await this.forTextEditing(ctx, 'measure', input.measureId);
    if (input.targetDate < input.baselineDate) {
      throw badInput(ctx.locale, [{ field: 'targetDate', text: { cs: 'Cíl je před výchozím stavem.', en: 'targetDate is before baselineDate.' } }]);
    }
    const personIds = [...new Set(input.guarantorPersonIds ?? [])];
    const organisationIds = [...new Set(input.guarantorOrganisationIds ?? [])];
    if (personIds.length || organisationIds.length) {
      authorize(ctx, 'plan.nameGuarantor', planResource(plan.areaId, { guarantorIds: personIds, guarantorOrganisationIds: organisationIds }), 'Plan', plan.id);
    }
    for (const id of personIds) await this.personOfArea(ctx, plan.areaId, id);
    for (const id of organisationIds) await this.organisations.requireInArea(ctx, plan.areaId, id);
    return ctx.em.transactional(async (em) => {
      const { guarantorPersonIds: _people, guarantorOrganisationIds: _organisations, baselineValue, targetValue, reportingPeriod, ...indicator } = input;
      const row = em.create(Indicator, {
        ...indicator,
        areaId: plan.areaId,
        baselineValue: String(baselineValue),
        targetValue: String(targetValue),
        reportingPeriod: reportingPeriod ?? ReportingPeriod.YEARLY,
      });
      await em.flush();
      for (const personId of personIds) em.create(IndicatorGuarantor, { areaId: plan.areaId, indicatorId: row.id, personId, organisationId: null });
      for (const organisationId of organisationIds) em.create(IndicatorGuarantor, { areaId: plan.areaId, indicatorId: row.id, personId: null, organisationId });
      await em.flush();
      return { added: row, parent: await em.findOneOrFail(PlanMeasure, { id: input.measureId }) };
    });
  }

  /**
   * Checks that a guarantor's person, organisation and municipality are of the area (NOT_FOUND
   * otherwise), and that the viewer may name them: nobody names themselves or an organisation they
   * represent (plan.nameGuarantor).
   */
  private async guarantorOfArea(ctx: RequestContext, areaId: string, who: { personId?: string | null; organisationId?: string | null; municipalityId?: string | null }): Promise<void> {
    authorize(
      ctx,
      'plan.nameGuarantor',
      planResource(areaId, guarantorsOf([{ personId: who.personId ?? null, organisationId: who.organisationId ?? null }])),
      'Plan',
    );
    if (who.personId) await this.personOfArea(ctx, areaId, who.personId);
    if (who.organisationId) await this.organisations.requireInArea(ctx, areaId, who.organisationId);
    if (who.municipalityId && !(await ctx.em.count(Municipality, { id: who.municipalityId, areaId }))) {
      throw notFound(ctx.locale, 'Municipality', who.municipalityId);
    }
  }

  /** One more goal guarantor; returns the goal. The coordinator, admins or support; guarantors stay open after adoption. */
  async assignGoalGuarantor(ctx: RequestContext, input: AssignGoalGuarantorCommand): Promise<PlanGoal> {
    const plan = await this.forEditing(ctx, 'goal', input.goalId);
    if (!input.municipalityId && !input.personId && !input.organisationId) {
      throw badInput(ctx.locale, [
        { field: 'municipalityId', text: { cs: 'Uveďte obec, osobu nebo organizaci.', en: 'Give a municipality, a person or an organisation.' } },
      ]);
    }
    if (input.organisationId && (input.municipalityId || input.personId)) {
      throw badInput(ctx.locale, [
        { field: 'organisationId', text: { cs: 'Organizace je gestorem sama, bez obce a osoby.', en: 'An organisation is a guarantor on its own, without a municipality or a person.' } },
      ]);
    }
    await this.guarantorOfArea(ctx, plan.areaId, input);
    return ctx.em.transactional(async (em) => {
      // Serialises the goal's guarantor changes, so that two requests cannot both add the same one.
      const goal = await em.findOneOrFail(PlanGoal, { id: input.goalId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const wanted = { municipalityId: input.municipalityId ?? null, personId: input.personId ?? null, organisationId: input.organisationId ?? null };
      if ((await em.find(GoalGuarantor, { goalId: input.goalId })).some((g) => sameGuarantor(g, wanted))) {
        throw conflict(ctx.locale, ALREADY_GUARANTOR, { reason: 'ALREADY_GUARANTOR' });
      }
      em.create(GoalGuarantor, { areaId: plan.areaId, goalId: input.goalId, ...wanted });
      await em.flush();
      return goal;
    });
  }

  /** Removes a goal guarantor; returns the goal. As assignGoalGuarantor. */
  async removeGoalGuarantor(ctx: RequestContext, input: RemoveGuarantorCommand): Promise<PlanGoal> {
    const found = await loadForChange(ctx, GoalGuarantor, input.guarantorId, 'GoalGuarantor');
    await this.forEditing(ctx, 'goal', found.goalId);
    return ctx.em.transactional(async (em) => {
      const goal = await em.findOneOrFail(PlanGoal, { id: found.goalId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      await em.nativeDelete(GoalGuarantor, { id: found.id, areaId: found.areaId });
      return goal;
    });
  }

  /** One more indicator guarantor: a person or an organisation; returns the indicator. The coordinator, admins or support; open after adoption. */
  async assignIndicatorGuarantor(ctx: RequestContext, input: AssignIndicatorGuarantorCommand): Promise<Indicator> {
    const plan = await this.forEditing(ctx, 'indicator', input.indicatorId);
    if (!input.personId === !input.organisationId) {
      throw badInput(ctx.locale, [
        input.personId
          ? { field: 'organisationId', text: { cs: 'Uveďte osobu, nebo organizaci, ne obojí.', en: 'Give a person or an organisation, not both.' } }
          : { field: 'personId', text: { cs: 'Uveďte osobu nebo organizaci.', en: 'Give a person or an organisation.' } },
      ]);
    }
    await this.guarantorOfArea(ctx, plan.areaId, input);
    return ctx.em.transactional(async (em) => {
      const indicator = await em.findOneOrFail(Indicator, { id: input.indicatorId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const wanted = { personId: input.personId ?? null, organisationId: input.organisationId ?? null };
      if ((await em.find(IndicatorGuarantor, { indicatorId: input.indicatorId })).some((g) => sameGuarantor(g, wanted))) {
        throw conflict(ctx.locale, ALREADY_GUARANTOR, { reason: 'ALREADY_GUARANTOR' });
      }
      em.create(IndicatorGuarantor, { areaId: plan.areaId, indicatorId: input.indicatorId, ...wanted });
      await em.flush();
      return indicator;
    });
  }

  /** Removes an indicator guarantor; returns the indicator. As assignIndicatorGuarantor. */
  async removeIndicatorGuarantor(ctx: RequestContext, input: RemoveGuarantorCommand): Promise<Indicator> {
    const found = await loadForChange(ctx, IndicatorGuarantor, input.guarantorId, 'IndicatorGuarantor');
    await this.forEditing(ctx, 'indicator', found.indicatorId);
    return ctx.em.transactional(async (em) => {
      const indicator = await em.findOneOrFail(Indicator, { id: found.indicatorId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      await em.nativeDelete(IndicatorGuarantor, { id: found.id, areaId: found.areaId });
      return indicator;
    });
  }

  /**
   * The indicator's guarantors, or the coordinator and admins, record its values
   * (plan.recordIndicatorValue): one per day, never for a day still to come; a wrong one is corrected.
   * Returns the indicator, which lists the value and the progress it makes.
   */
  async recordValue(ctx: RequestContext, input: RecordIndicatorValueCommand): Promise<Indicator> {
    const { plan, indicator } = await this.indicatorForValues(ctx, input.indicatorId);
    this.refuseFutureDay(ctx, input.measuredOn);
    const person = ctx.viewer.personIn(plan.areaId) as Person;
    return uniqueOrConflict(ctx, SAME_DAY, 'measuredOn', () =>
      ctx.em.transactional(async (em) => {
        await lockValuesOf(em, indicator.id);
        if (await em.count(IndicatorValue, { indicatorId: indicator.id, measuredOn: input.measuredOn, supersededById: null })) throw conflict(ctx.locale, SAME_DAY, { field: 'measuredOn' });
        const { indicatorId: _indicator, value, ...rest } = input;
        em.create(IndicatorValue, { ...rest, areaId: plan.areaId, indicatorId: indicator.id, value: String(value), recordedById: person.id });
        await em.flush();
        return indicator;
      }),
    );
  }

  /**
   * Corrects a recorded value (its number, or its day too), saying why: the correction is a new
   * value naming the one it corrects, which stays, superseded. Who may record values may correct.
   * Returns the indicator, which lists the correction in force and the progress it makes.
   */
  async correctValue(ctx: RequestContext, input: CorrectIndicatorValueCommand): Promise<Indicator> {
    requireId(ctx.locale, 'indicatorValueId', input.indicatorValueId);
    const found = await ctx.em.findOne(IndicatorValue, { id: input.indicatorValueId });
    if (!found) throw notFound(ctx.locale, 'IndicatorValue', input.indicatorValueId);
    const { plan, indicator } = await this.indicatorForValues(ctx, found.indicatorId);
    const measuredOn = input.measuredOn ?? found.measuredOn;
    this.refuseFutureDay(ctx, measuredOn);
    const person = ctx.viewer.personIn(plan.areaId) as Person;
    return uniqueOrConflict(ctx, SAME_DAY, 'measuredOn', () =>
      ctx.em.transactional(async (em) => {
        await lockValuesOf(em, found.indicatorId);
        const old = await em.findOneOrFail(IndicatorValue, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
        if (old.supersededById) throw conflict(ctx.locale, ALREADY_CORRECTED, { field: 'indicatorValueId' });
        // The old one leaves force first (one value in force per day), then its correction is written.
        const id = randomUUID();
        old.supersededById = id;
        await em.flush();
        em.create(IndicatorValue, {
          id,
          areaId: old.areaId,
          indicatorId: old.indicatorId,
          value: String(input.value),
          measuredOn,
          note: input.note === undefined ? old.note : input.note,
          recordedById: person.id,
          correctsId: old.id,
          correctionReason: input.reason,
        });
        await em.flush();
        return indicator;
      }),
    );
  }

  /** The plan and indicator a value is recorded for, once the viewer may record its values. */
  private async indicatorForValues(ctx: RequestContext, indicatorId: string): Promise<{ plan: Plan; indicator: Indicator }> {
    const plan = await this.planOf(ctx, 'indicator', indicatorId);
    const indicator = await ctx.em.findOneOrFail(Indicator, { id: indicatorId });
    const guarantors = await ctx.em.find(IndicatorGuarantor, { indicatorId: indicator.id });
    authorize(ctx, 'plan.recordIndicatorValue', planResource(plan.areaId, guarantorsOf(guarantors)), 'Indicator', indicator.id);
    return { plan, indicator };
  }

  private refuseFutureDay(ctx: RequestContext, day: string): void {
    if (day > pragueDay(ctx.now)) {
      throw badInput(ctx.locale, [{ field: 'measuredOn', text: { cs: 'Hodnotu nelze zapsat ke dni, který teprve přijde.', en: 'A value cannot be recorded for a day still to come.' } }]);
    }
  }

  /** The goal's guarantors, or the coordinator and admins, change its status (plan.updateGoalStatus). */
  async updateGoalStatus(ctx: RequestContext, input: UpdateGoalStatusCommand): Promise<PlanGoal> {
    const plan = await this.planOf(ctx, 'goal', input.goalId);
    const guarantors = await ctx.em.find(GoalGuarantor, { goalId: input.goalId });
    authorize(ctx, 'plan.updateGoalStatus', planResource(plan.areaId, guarantorsOf(guarantors)), 'PlanGoal', input.goalId);
    return ctx.em.transactional(async (em) => {
      const goal = await em.findOneOrFail(PlanGoal, { id: input.goalId });
      goal.status = input.status;
      goal.statusComment = input.comment ?? null;
      await em.flush();
      return goal;
    });
  }

  priorities(ctx: RequestContext, planId: string): Promise<PlanPriority[]> {
    return ctx.loaders.childrenOf(PlanPriority, 'planId', { position: 'asc' }).load(planId);
  }

  goals(ctx: RequestContext, priorityId: string): Promise<PlanGoal[]> {
    return ctx.loaders.childrenOf(PlanGoal, 'priorityId', { position: 'asc' }).load(priorityId);
  }

  guarantors(ctx: RequestContext, goalId: string): Promise<GoalGuarantor[]> {
    return ctx.loaders.childrenOf(GoalGuarantor, 'goalId', { createdAt: 'asc' }).load(goalId);
  }

  indicatorGuarantors(ctx: RequestContext, indicatorId: string): Promise<IndicatorGuarantor[]> {
    return ctx.loaders.childrenOf(IndicatorGuarantor, 'indicatorId', { createdAt: 'asc', id: 'asc' }).load(indicatorId);
  }

  measures(ctx: RequestContext, goalId: string): Promise<PlanMeasure[]> {
    return ctx.loaders.childrenOf(PlanMeasure, 'goalId', { position: 'asc' }).load(goalId);
  }

  indicators(ctx: RequestContext, measureId: string): Promise<Indicator[]> {
    return ctx.loaders.childrenOf(Indicator, 'measureId', { name: 'asc' }).load(measureId);
  }

  /** The values in force, oldest day first, each with the value it corrected. */
  async values(ctx: RequestContext, indicatorId: string): Promise<ValueInForce[]> {
    const all = await ctx.loaders.childrenOf(IndicatorValue, 'indicatorId', { measuredOn: 'asc', createdAt: 'asc' }).load(indicatorId);
    const byId = new Map(all.map((v) => [v.id, v]));
    return all.filter((v) => v.supersededById === null).map((value) => ({ value, corrects: value.correctsId ? (byId.get(value.correctsId) ?? null) : null }));
  }
}
