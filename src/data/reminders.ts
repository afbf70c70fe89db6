import type { EntityManager } from '@mikro-orm/postgresql';
import { ProposalPhase, type ReportingPeriod } from '../entities/enums';

/** An indicator of a plan whose PLAN proposal is approved and whose period has not ended, with its latest value's date. */
export interface IndicatorOfAdoptedPlan {
  area_id: string;
  plan_id: string;
  year_to: number;
  id: string;
  name: string;
  reporting_period: ReportingPeriod;
  baseline_date: string;
  latest: string | null;
}

/** The indicators of approved plans still running in `currentYear`, over every area (or those of `areaIds`). */
export async function indicatorsOfAdoptedPlans(em: EntityManager, currentYear: number, areaIds?: readonly string[]): Promise<IndicatorOfAdoptedPlan[]> {
  return em.getConnection().execute<IndicatorOfAdoptedPlan[]>(
    `select i.area_id, p.id as plan_id, p.year_to, i.id, i.name, i.reporting_period, to_char(i.baseline_date, 'YYYY-MM-DD') as baseline_date,
            (select to_char(max(v.measured_on), 'YYYY-MM-DD') from indicator_value v where v.area_id = i.area_id and v.indicator_id = i.id and v.superseded_by_id is null) as latest
       from indicator i
       join plan_measure m on m.area_id = i.area_id and m.id = i.measure_id
       join plan_goal g on g.area_id = m.area_id and g.id = m.goal_id
       join plan_priority pp on pp.area_id = g.area_id and pp.id = g.priority_id
       join plan p on p.area_id = pp.area_id and p.id = pp.plan_id
       join proposal pr on pr.area_id = p.area_id and pr.id = p.proposal_id and pr.phase = '${ProposalPhase.APPROVED}'
      where p.year_to >= ?${areaIds ? ' and i.area_id = any(?::uuid[])' : ''}`,
    areaIds ? [currentYear, `{${areaIds.join(',')}}`] : [currentYear],
  );
}
