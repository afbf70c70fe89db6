import type { ProjectIntent } from '../entities/action-plan.entity';
import { Level, StakeholderQuadrant } from '../entities/enums';
import type { PlanRisk, PlanStakeholder } from '../entities/plan-risk.entity';
import type { Indicator } from '../entities/plan.entity';
import { localize, type Locale, type Text } from '../i18n/locale';

/*
 * A plan's registers and action plans as they are shown: the API's objects and the exported
 * document take these views, so that what is derived (a risk's score, a stakeholder's quadrant, a
 * budget as a number) is computed in one place.
 */

/** The stakeholder matrix: influence × interest gives the quadrant and how to work with them (seed 001). */
export function quadrantOf(influence: Level, interest: Level): { quadrant: StakeholderQuadrant; approach: Text } {
  if (influence === Level.HIGH && interest === Level.HIGH) return { quadrant: StakeholderQuadrant.KEY_PLAYERS, approach: { cs: 'vedení dialogu', en: 'dialogue' } };
  if (influence === Level.HIGH) return { quadrant: StakeholderQuadrant.KEEP_SATISFIED, approach: { cs: 'zajištění spokojenosti', en: 'keep satisfied' } };
  if (interest === Level.HIGH) return { quadrant: StakeholderQuadrant.KEEP_INFORMED, approach: { cs: 'průběžné informování', en: 'keep informed' } };
  return { quadrant: StakeholderQuadrant.CROWD, approach: { cs: 'odpovídání na otázky', en: 'answer their questions' } };
}

/** An indicator's own text (what is measured, from which baseline to which target), its numbers as numbers. */
export function indicatorView(i: Indicator) {
  return {
    id: i.id,
    name: i.name,
    unit: i.unit,
    baselineValue: Number(i.baselineValue),
    baselineDate: i.baselineDate,
    targetValue: Number(i.targetValue),
    targetDate: i.targetDate,
    direction: i.direction,
    reportingPeriod: i.reportingPeriod,
  };
}

/** A risk with its score (probability × impact). */
export function riskView(r: PlanRisk) {
  return {
    id: r.id,
    riskArea: r.riskArea,
    description: r.description,
    probability: r.probability,
    impact: r.impact,
    score: r.probability * r.impact,
    mitigation: r.mitigation,
    owner: r.owner,
    reviewDate: r.reviewDate,
  };
}

/** A stakeholder with its quadrant of the matrix and how to work with them, in `locale`. */
export function stakeholderView(s: PlanStakeholder, locale: Locale) {
  const { quadrant, approach } = quadrantOf(s.influence, s.interest);
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    influence: s.influence,
    interest: s.interest,
    quadrant,
    approach: localize(approach, locale),
  };
}

/** A project intent of an action plan, its budget in CZK as a number. */
export function intentView(i: ProjectIntent) {
  return {
    id: i.id,
    measureId: i.measureId,
    title: i.title,
    responsibleOrganisation: i.responsibleOrganisation,
    budgetCzk: Number(i.budgetCzk),
    fundingSources: i.fundingSources,
    startsOn: i.startsOn,
    endsOn: i.endsOn,
    status: i.status,
    monitoringNote: i.monitoringNote,
    proposalId: i.proposalId,
  };
}
