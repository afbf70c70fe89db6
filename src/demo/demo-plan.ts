import type { EntityManager } from '@mikro-orm/postgresql';
import { GoalStatus, IndicatorDirection, Level, RiskArea, SwotKind } from '../entities/enums';
import type { Municipality } from '../entities/municipality.entity';
import { GoalGuarantor, Indicator, IndicatorGuarantor, Plan, PlanGoal, PlanMeasure, PlanPriority } from '../entities/plan.entity';
import { PlanRisk, PlanStakeholder, SolutionVariant, SwotItem } from '../entities/plan-risk.entity';
import type { DemoCast } from './demo-proposals';

/** Indicator guarantors: people (by subject, or name without one) and organisations (by name). */
interface GuarantorSpec {
  people?: string[];
  organisations?: string[];
}

/**
 * ORP Chomutov's medium-term plan as seeds 000 and 001 describe it: three goals with their goal
 * guarantors (municipalities) and indicator guarantors — the NGOs Člověk v tísni and Světlo, the
 * town's social department, and the community-planning coordinators of Chomutov and Jirkov — the
 * risk register, the stakeholder matrix.
 */
export async function createChomutovPlan(
  tx: EntityManager,
  areaId: string,
  proposalId: string | null,
  municipalities: Map<string, Municipality>,
  cast: DemoCast,
): Promise<Plan> {
  const plan = tx.create(Plan, { areaId, title: 'Střednědobý plán rozvoje sociálních služeb ORP Chomutov 2027–2029', yearFrom: 2027, yearTo: 2029, proposalId });
  await tx.flush();
  const priority = tx.create(PlanPriority, { areaId, planId: plan.id, position: 1, title: 'Dostupné a známé sociální služby v celém ORP' });
  await tx.flush();
  // The goals as seed 000 names them; the measures are the plan's own first steps toward each.
  const goals: Array<{ title: string; towns: string[]; measure: string; indicator: [string, string, number, number, GuarantorSpec] }> = [
    {
      title: 'Zvýšení nabídky sociálních služeb',
      towns: ['Výsluní', 'Vrskmaň'],
      measure: 'Rozšíření terénních služeb do menších obcí',
      indicator: ['Počet obcí s dostupnou terénní službou', 'obcí', 6, 15, { organisations: ['Člověk v tísni, o.p.s.', 'Magistrát města Chomutova, odbor sociálních věcí'] }],
    },
    {
      title: 'Zajištění koordinace služeb',
      towns: ['Chomutov', 'Spořice'],
      measure: 'Společná setkání obcí a poskytovatelů nad případy klientů',
      indicator: ['Počet obcí zapojených do koordinace', 'obcí', 5, 20, { organisations: ['Člověk v tísni, o.p.s.', 'Světlo Kadaň, z.s.'], people: ['demo-chomutov-coordinator'] }],
    },
    {
      title: 'Zvýšení informovanosti o sociálních službách',
      towns: ['Jirkov'],
      measure: 'Katalog poskytovatelů sociálních služeb v tištěné i elektronické podobě',
      indicator: ['Výtisky katalogu poskytovatelů', 'ks', 0, 5000, { people: ['demo-chomutov-coordinator', 'Jana Jirkovská'] }],
    },
  ];
  for (const [i, g] of goals.entries()) {
    const goal = tx.create(PlanGoal, { areaId, priorityId: priority.id, position: i + 1, title: g.title, status: GoalStatus.NOT_STARTED });
    await tx.flush();
    for (const town of g.towns) {
      const municipality = municipalities.get(town);
      if (!municipality) throw new Error(`demo plan: unknown municipality ${town}`);
      tx.create(GoalGuarantor, { areaId, goalId: goal.id, municipalityId: municipality.id, personId: null });
    }
    const measure = tx.create(PlanMeasure, { areaId, goalId: goal.id, position: 1, title: g.measure, description: null });
    await tx.flush();
    const [name, unit, baseline, target, guarantors] = g.indicator;
    const indicator = tx.create(Indicator, {
      areaId,
      measureId: measure.id,
      name,
      unit,
      baselineValue: String(baseline),
      baselineDate: '2026-01-01',
      targetValue: String(target),
      targetDate: '2029-12-31',
      direction: IndicatorDirection.UP,
    });
    await tx.flush();
    for (const key of guarantors.people ?? []) {
      const person = cast.people.get(key);
      if (!person) throw new Error(`demo plan: unknown person ${key}`);
      tx.create(IndicatorGuarantor, { areaId, indicatorId: indicator.id, personId: person.id, organisationId: null });
    }
    for (const key of guarantors.organisations ?? []) {
      const organisation = cast.organisations.get(key);
      if (!organisation) throw new Error(`demo plan: unknown organisation ${key}`);
      tx.create(IndicatorGuarantor, { areaId, indicatorId: indicator.id, personId: null, organisationId: organisation.id });
    }
  }
  const risks: Array<[RiskArea, string, number, number, string, string]> = [
    [RiskArea.FINANCIAL, 'Nedostatek financí na provoz, opravy', 4, 5, 'Čerpání dotačních prostředků', 'Obec a NNO'],
    [RiskArea.ORGANISATIONAL, 'Rušení dopravních spojů', 5, 4, 'Návrhy na změny spojů', 'Obce, kraj'],
    [RiskArea.LEGAL, 'Reformy na úkor kvality', 3, 5, 'Politická intervence', 'Obce'],
    [RiskArea.TECHNICAL, 'Nevyhovující stav budov', 5, 3, 'Průběžná údržba a opravy', 'Obec, NNO'],
    [RiskArea.MATERIAL, 'Personální rizika (fluktuace)', 3, 4, 'Zaměstnání kvalifikovaných pracovníků', 'Obec, NNO'],
  ];
  for (const [riskArea, description, probability, impact, mitigation, owner] of risks) {
    tx.create(PlanRisk, { areaId, planId: plan.id, riskArea, description, probability, impact, mitigation, owner, reviewDate: null });
  }
  const stakeholders: Array<[string, Level, Level]> = [
    ['Rodiče dětí v ZŠ a MŠ', Level.LOW, Level.HIGH],
    ['Děti, žáci', Level.LOW, Level.HIGH],
    ['Pedagogové', Level.LOW, Level.HIGH],
    ['Starostové obcí s MŠ a ZŠ', Level.HIGH, Level.HIGH],
    ['Starostové obcí bez MŠ a ZŠ', Level.HIGH, Level.LOW],
    ['Partneři škol (NNO, sponzoři)', Level.LOW, Level.HIGH],
    ['Kraj', Level.HIGH, Level.LOW],
    ['Stát', Level.HIGH, Level.LOW],
    ['Média', Level.LOW, Level.LOW],
  ];
  for (const [name, influence, interest] of stakeholders) tx.create(PlanStakeholder, { areaId, planId: plan.id, name, description: null, influence, interest });
  // The SWOT of seed 001 ("Výstupy z analytických částí"): the problems it identified, its opportunities,
  // and, as strengths, the cooperation seed 000's minutes record.
  const swot: Array<[SwotKind, string]> = [
    [SwotKind.STRENGTH, 'Odbor sociálních věcí dlouhodobě spolupracuje s obcemi a vysílá do nich terénní pracovníky'],
    [SwotKind.STRENGTH, 'Neziskové organizace působící v celém ORP (Člověk v tísni, Světlo)'],
    [SwotKind.WEAKNESS, 'Nepříznivá sociální struktura obyvatelstva, vyšší koncentrace osob ohrožených sociálním vyloučením'],
    [SwotKind.WEAKNESS, 'Absence některých služeb'],
    [SwotKind.OPPORTUNITY, 'Podpora komplexního systému, návaznost sociálních a ostatních služeb'],
    [SwotKind.OPPORTUNITY, 'Zajištění servisu pro obce (styčný důstojník, pomoc s administrativou)'],
    [SwotKind.OPPORTUNITY, 'Podpora vytváření podmínek pro slaďování profesního a rodinného života'],
    [SwotKind.OPPORTUNITY, 'Využívání veřejně prospěšných prací'],
    [SwotKind.THREAT, 'Dlouhodobě vysoká míra nezaměstnanosti'],
    [SwotKind.THREAT, 'Nedostatek finančních prostředků od státu'],
  ];
  for (const [kind, text] of swot) tx.create(SwotItem, { areaId, planId: plan.id, kind, text });
  // The four solution variants of seed 001 ("Varianty řešení problémů a potřeb"); none chosen yet.
  const variants: Array<[string, string]> = [
    [
      'Širší zapojení neziskového sektoru při poskytování služeb',
      'Rozšíření počtu poskytovatelů služeb z řad neziskových organizací; systém pobídek a dotačních prostředků měst a obcí vymezených pro neziskové organizace; podpora dobrovolnictví.',
    ],
    [
      'Zvýšení informovanosti o službách a činnosti organizací',
      'Vlastní propagace poskytovatelů služeb všemi dostupnými kanály ve vztahu k veřejnosti; systém komunikace mezi poskytovateli, koordinátorem a zřizovateli.',
    ],
    [
      'Vytvoření nového systému řízení komunitního plánování',
      'Rozvoj spolupráce komisí pro sociální služby měst Chomutova a Jirkova, zástupců dalších obcí, neziskových organizací a organizací pracujících v sociální oblasti, koordinovaný postup; kompetence koordinátorů komunitního plánování v rámci ORP a poskytovatelů služeb.',
    ],
    [
      'Vytvoření kompletního třístupňového systému služeb pro rodiny s dětmi',
      'Síť potenciálních poskytovatelů a partnerů pro sociálně aktivizační služby (SAS); systém SAS pro rodiny ze znevýhodněného prostředí i mimo služby dle zákona.',
    ],
  ];
  for (const [i, [title, description]] of variants.entries()) tx.create(SolutionVariant, { areaId, planId: plan.id, position: i + 1, title, description, chosen: false });
  await tx.flush();
  return plan;
}
