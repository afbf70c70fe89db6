import type { EntityManager } from '@mikro-orm/postgresql';
import { PlanStatus, ProposalPhase } from '../entities/enums';

/** Where a plan stands: its status and the years it governs. */
export interface PlanStanding {
  status: PlanStatus;
  /** When its PLAN proposal was approved; null unless adopted. */
  adoptedAt: Date | null;
  /** The years of its period it governs: those no plan adopted after it also covers. */
  inForceYears: number[];
}

export interface PlanStandingRow {
  id: string;
  yearFrom: number;
  yearTo: number;
  /** Phase of its PLAN proposal; null without one. */
  proposalPhase: ProposalPhase | null;
  adoptedAt: Date | null;
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

/** Loads every plan of an area with its proposal's state and adoption time, in one statement. */
export async function loadPlanStandings(em: EntityManager, areaId: string, currentYear: number): Promise<Map<string, PlanStanding>> {
  const rows = await em.getConnection().execute<Array<{ id: string; year_from: number; year_to: number; phase: ProposalPhase | null; adopted_at: Date | null }>>(
    `select p.id, p.year_from, p.year_to, pr.phase,
            case when pr.phase = '${ProposalPhase.APPROVED}' then pr.decided_at end as adopted_at
       from plan p
       left join proposal pr on pr.area_id = p.area_id and pr.id = p.proposal_id
      where p.area_id = ?`,
    [areaId],
    'all',
    em.getTransactionContext(),
  );
  return planStandings(
    rows.map((r) => ({ id: r.id, yearFrom: r.year_from, yearTo: r.year_to, proposalPhase: r.phase, adoptedAt: r.adopted_at ? new Date(r.adopted_at) : null })),
    currentYear,
  );
}
