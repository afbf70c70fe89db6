import type { EntityManager } from '@mikro-orm/postgresql';
import { planStandingRows, type PlanStandingRow } from '../data/plan-standing-rows';
import { PlanStatus, ProposalPhase } from '../entities/enums';

export type { PlanStandingRow };

/** Where a plan stands: its status and the years it governs. */
export interface PlanStanding {
  status: PlanStatus;
  /** When its PLAN proposal was approved; null unless adopted. */
  adoptedAt: Date | null;
  /** The years of its period it governs: those no plan adopted after it also covers. */
  inForceYears: number[];
}

const NOT_STARTED: ReadonlySet<ProposalPhase> = new Set([ProposalPhase.DRAFT, ProposalPhase.REJECTED, ProposalPhase.WITHDRAWN]);

/**
 * The rule that only one plan of an area is in force for a year: a year is governed by the plan
 * adopted last among the adopted plans covering it. A plan is SUPERSEDED once a later adoption
 * took some of its years and it governs none from `currentYear` on; a plan whose period simply ran
 * out stays ADOPTED (it governed its years).
 */
export function planStandings(rows: PlanStandingRow[], currentYear: number): Map<string, PlanStanding> {
  const adopted = rows
    .filter((r) => r.proposalPhase === ProposalPhase.APPROVED && r.adoptedAt)
    .sort((a, b) => (a.adoptedAt as Date).getTime() - (b.adoptedAt as Date).getTime() || a.id.localeCompare(b.id));
  const governor = new Map<number, string>();
  for (const r of adopted) for (let y = r.yearFrom; y <= r.yearTo; y++) governor.set(y, r.id);
  const out = new Map<string, PlanStanding>();
  for (const r of rows) {
    if (r.proposalPhase === null || NOT_STARTED.has(r.proposalPhase)) {
      out.set(r.id, { status: PlanStatus.DRAFT, adoptedAt: null, inForceYears: [] });
      continue;
    }
    if (r.proposalPhase !== ProposalPhase.APPROVED) {
      out.set(r.id, { status: PlanStatus.IN_APPROVAL, adoptedAt: null, inForceYears: [] });
      continue;
    }
    const years: number[] = [];
    for (let y = r.yearFrom; y <= r.yearTo; y++) if (governor.get(y) === r.id) years.push(y);
    const displaced = years.length < r.yearTo - r.yearFrom + 1;
    const governsNowOrLater = years.some((y) => y >= currentYear);
    out.set(r.id, { status: displaced && !governsNowOrLater ? PlanStatus.SUPERSEDED : PlanStatus.ADOPTED, adoptedAt: r.adoptedAt, inForceYears: years });
  }
  return out;
}

/** Every plan of an area with where it stands. */
export async function loadPlanStandings(em: EntityManager, areaId: string, currentYear: number): Promise<Map<string, PlanStanding>> {
  return planStandings(await planStandingRows(em, areaId), currentYear);
}
