import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaRole } from '../entities/area-role.entity';
import { Body } from '../entities/body.entity';
import { AreaKind, AreaRoleKind, BodyKind, MembershipRole, ProposalKind, TargetGroup, TriadSide } from '../entities/enums';
import { Membership } from '../entities/membership.entity';
import { Municipality } from '../entities/municipality.entity';
import { Person } from '../entities/person.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { defaultRules } from '../services/body.service';
import { createChomutovPlan } from './demo-plan';
import { createDemoProposals, type DemoCast, type DemoProposalSpec } from './demo-proposals';
import { Proposal } from '../entities/proposal.entity';

/** A demo person who can sign in (local mode: `npm run --silent token -- <subject>`). */
export interface DemoPerson {
  subject: string;
  name: string;
  area: 'chomutov' | 'krumlov';
  description: string;
}

type AreaKey = DemoPerson['area'];

interface BodySpec {
  key: string;
  kind: BodyKind;
  name: string;
  shortName?: string;
  targetGroup?: TargetGroup;
  reportsTo?: string;
}

interface SeatSpec {
  body: string;
  role: MembershipRole;
  side: TriadSide;
  organisation?: string;
  validTo?: string;
}

interface PersonSpec {
  /** Without a subject the person cannot sign in (many working-group members never do). */
  subject?: string;
  name: string;
  description: string;
  organisation?: string;
  roles?: AreaRoleKind[];
  seats?: SeatSpec[];
}

interface AreaSpec {
  key: AreaKey;
  name: string;
  kind: AreaKind;
  workflowKey: string;
  municipalities: Array<[string, number]>;
  bodies: BodySpec[];
  people: PersonSpec[];
  /** Proposals in every stage, with the histories that brought them there. */
  proposals: DemoProposalSpec[];
}

const { CHAIR, MEMBER, GUEST } = MembershipRole;
const { COMMISSIONER, PROVIDER, SERVICE_USER, PUBLIC } = TriadSide;
const seat = (body: string, role: MembershipRole, side: TriadSide, organisation?: string, validTo?: string): SeatSpec => ({
  body,
  role,
  side,
  organisation,
  validTo,
});

/**
 * ORP Chomutov as seed 001 describes it: 25 municipalities, 81,786 inhabitants. The figures per
 * municipality are approximations scaled so that they add up to the seed's total.
 */
const CHOMUTOV_MUNICIPALITIES: Array<[string, number]> = [
  ['Chomutov', 48_250],
  ['Jirkov', 19_120],
  ['Výsluní', 420],
  ['Bílence', 330],
  ['Blatno', 470],
  ['Boleboř', 260],
  ['Březno', 1_620],
  ['Černovice', 380],
  ['Droužkovice', 720],
  ['Hora Svatého Šebestiána', 250],
  ['Hrušovany', 600],
  ['Kalek', 230],
  ['Křimov', 330],
  ['Málkov', 280],
  ['Místo', 490],
  ['Nezabylice', 430],
  ['Otvice', 880],
  ['Pesvice', 180],
  ['Spořice', 1_540],
  ['Strupčice', 1_070],
  ['Údlice', 1_310],
  ['Vrskmaň', 560],
  ['Všehrdy', 230],
  ['Všestudy', 190],
  ['Vysoká Pec', 1_646],
];

const { MEASURE, PROJECT_INTENT, MATERIAL, PLAN } = ProposalKind;
const UP_TO_COUNCIL = ['SUBMIT', 'RECOMMEND', 'RECOMMEND', 'RECOMMEND'];

const CHOMUTOV_PROPOSALS: DemoProposalSpec[] = [
  { title: 'Sdílený svoz seniorů k lékaři v malých obcích', summary: 'Návrh opatření pro obce do 500 obyvatel.', kind: MEASURE, group: 'seniors', author: 'demo-chomutov-user', events: [] },
  { title: 'Odlehčovací služba v Jirkově', summary: 'Rozšířit kapacitu odlehčovací služby o 4 lůžka.', kind: MEASURE, group: 'seniors', author: 'demo-chomutov-provider', concernedOrganisation: 'Domov Na Stráni, o.p.s.', events: ['SUBMIT'] },
  { title: 'Terénní sociální práce ve Vysoké Peci', summary: 'Zavést terénní sociální práci v lokalitě.', kind: PROJECT_INTENT, group: 'exclusion', author: 'demo-chomutov-exclusion-chair', events: ['SUBMIT', 'RECOMMEND'] },
  { title: 'Sociálně aktivizační služba pro rodiny s dětmi', summary: 'Třístupňový systém služeb pro rodiny (varianta č. 4).', kind: MEASURE, group: 'family', author: 'demo-chomutov-family-chair', events: ['SUBMIT', 'RECOMMEND', 'RECOMMEND'] },
  { title: 'Dotační program města pro neziskové organizace 2027', summary: 'Materiál do rady: pravidla dotačního programu.', kind: MATERIAL, group: 'seniors', author: 'demo-chomutov-seniors-chair', events: UP_TO_COUNCIL },
  { title: 'Střednědobý plán rozvoje sociálních služeb ORP Chomutov 2027–2029', summary: 'Plán ke schválení zastupitelstvem.', kind: PLAN, group: 'seniors', author: 'demo-chomutov-coordinator', events: [...UP_TO_COUNCIL, 'REFER_TO_ASSEMBLY'] },
  { title: 'Informační katalog sociálních služeb', summary: 'Vydat katalog poskytovatelů pro veřejnost (varianta č. 2).', kind: PROJECT_INTENT, group: 'disabled', author: 'demo-chomutov-disabled-chair', events: [...UP_TO_COUNCIL, 'APPROVE'] },
  { title: 'Akční plán 2026', summary: 'Roční akční plán ke střednědobému plánu.', kind: PLAN, group: 'seniors', author: 'demo-chomutov-coordinator', events: [...UP_TO_COUNCIL, 'REFER_TO_ASSEMBLY', 'APPROVE'] },
  { title: 'Noclehárna v Údlicích', summary: 'Zřídit noclehárnu pro osoby bez přístřeší.', kind: PROJECT_INTENT, group: 'exclusion', author: 'demo-chomutov-exclusion-chair', events: ['SUBMIT', 'RECOMMEND', 'REJECT'] },
  { title: 'Rozšíření pečovatelské služby do Kalku', summary: 'Stažený návrh – řeší jej kraj.', kind: MEASURE, group: 'seniors', author: 'demo-chomutov-provider', events: ['SUBMIT', 'WITHDRAW'] },
  { title: 'Chráněné bydlení pro osoby se zdravotním postižením', summary: 'Vráceno k doplnění rozpočtu, znovu předloženo.', kind: MEASURE, group: 'disabled', author: 'demo-chomutov-disabled-chair', events: ['SUBMIT', 'RETURN', 'SUBMIT', 'RECOMMEND', 'RETURN'] },
];

const CHOMUTOV: AreaSpec = {
  key: 'chomutov',
  name: 'ORP Chomutov',
  kind: AreaKind.ORP,
  workflowKey: 'standard',
  municipalities: CHOMUTOV_MUNICIPALITIES,
  proposals: CHOMUTOV_PROPOSALS,
  bodies: [
    { key: 'assembly', kind: BodyKind.ASSEMBLY, name: 'Zastupitelstvo města Chomutova', shortName: 'ZM' },
    { key: 'council', kind: BodyKind.COUNCIL, name: 'Rada města Chomutova', shortName: 'RM', reportsTo: 'assembly' },
    { key: 'commission', kind: BodyKind.SOCIAL_COMMISSION, name: 'Sociální komise Rady města Chomutova', shortName: 'SK', reportsTo: 'council' },
    { key: 'steering', kind: BodyKind.STEERING_GROUP, name: 'Řídící skupina KPSS ORP Chomutov', shortName: 'ŘS', reportsTo: 'commission' },
    { key: 'seniors', kind: BodyKind.WORKING_GROUP, name: 'Pracovní skupina Senioři', targetGroup: TargetGroup.SENIORS, reportsTo: 'steering' },
    {
      key: 'disabled',
      kind: BodyKind.WORKING_GROUP,
      name: 'Pracovní skupina Osoby se zdravotním postižením',
      targetGroup: TargetGroup.PEOPLE_WITH_DISABILITIES,
      reportsTo: 'steering',
    },
    {
      key: 'family',
      kind: BodyKind.WORKING_GROUP,
      name: 'Pracovní skupina Rodina, děti a mládež',
      targetGroup: TargetGroup.CHILDREN_YOUTH_FAMILY,
      reportsTo: 'steering',
    },
    {
      key: 'exclusion',
      kind: BodyKind.WORKING_GROUP,
      name: 'Pracovní skupina Osoby ohrožené sociálním vyloučením',
      targetGroup: TargetGroup.SOCIAL_EXCLUSION,
      reportsTo: 'steering',
    },
  ],
  people: [
    { subject: 'demo-chomutov-admin', name: 'Radek Správa', description: 'area admin of ORP Chomutov', roles: [AreaRoleKind.ADMIN] },
    {
      subject: 'demo-chomutov-coordinator',
      name: 'Lucie Koordinátorová',
      description: 'coordinator (koordinátor KPSS) of ORP Chomutov',
      organisation: 'Magistrát města Chomutova',
      roles: [AreaRoleKind.COORDINATOR],
      seats: [seat('steering', MEMBER, COMMISSIONER, 'Magistrát města Chomutova')],
    },
    {
      subject: 'demo-chomutov-support',
      name: 'Tomáš Podpora',
      description: 'support organisation (TOZ) of ORP Chomutov',
      organisation: 'Poradenské centrum Krušnohoří, z.ú.',
      roles: [AreaRoleKind.SUPPORT],
    },
    { subject: 'demo-chomutov-clerk', name: 'Eva Zápisová', description: 'council clerk of Chomutov', roles: [AreaRoleKind.CLERK] },
    {
      subject: 'demo-chomutov-seniors-chair',
      name: 'Marie Vedoucí',
      description: 'manager (chair) of the seniors working group, commissioner side',
      organisation: 'Obec Spořice',
      seats: [seat('seniors', CHAIR, COMMISSIONER, 'Obec Spořice')],
    },
    {
      subject: 'demo-chomutov-provider',
      name: 'Pavel Poskytovatel',
      description: 'provider director: provider member of the seniors working group and of the steering group',
      organisation: 'Domov Na Stráni, o.p.s.',
      seats: [seat('seniors', MEMBER, PROVIDER, 'Domov Na Stráni, o.p.s.'), seat('steering', MEMBER, PROVIDER, 'Domov Na Stráni, o.p.s.')],
    },
    {
      subject: 'demo-chomutov-user',
      name: 'Jiřina Uživatelová',
      description: 'service-user member of the seniors working group',
      seats: [seat('seniors', MEMBER, SERVICE_USER)],
    },
    {
      subject: 'demo-chomutov-public',
      name: 'Ondřej Občan',
      description: 'public member of the seniors working group',
      seats: [seat('seniors', MEMBER, PUBLIC)],
    },
    {
      subject: 'demo-chomutov-guest',
      name: 'Hana Hostová',
      description: 'permanent guest (no vote) of the seniors working group',
      organisation: 'Úřad práce ČR, kontaktní pracoviště Chomutov',
      seats: [seat('seniors', GUEST, COMMISSIONER, 'Úřad práce ČR')],
    },
    {
      name: 'Josef Bezúčtu',
      description: 'service-user member without a login',
      seats: [seat('seniors', MEMBER, SERVICE_USER), seat('disabled', MEMBER, SERVICE_USER)],
    },
    {
      subject: 'demo-chomutov-former-member',
      name: 'Karla Bývalá',
      description: 'former provider member of the family working group (seat ended 30 June 2025)',
      organisation: 'Rodinné centrum Sluníčko, z.s.',
      seats: [seat('family', MEMBER, PROVIDER, 'Rodinné centrum Sluníčko, z.s.', '2025-06-30')],
    },
    {
      subject: 'demo-chomutov-disabled-chair',
      name: 'Stanislav Předseda',
      description: 'chair of the working group for people with disabilities, provider side',
      organisation: 'Spolek Bez bariér Chomutov, z.s.',
      seats: [seat('disabled', CHAIR, PROVIDER, 'Spolek Bez bariér Chomutov, z.s.')],
    },
    {
      subject: 'demo-chomutov-family-chair',
      name: 'Veronika Rodinná',
      description: 'chair of the children, youth and family working group, commissioner side',
      organisation: 'Město Jirkov',
      seats: [seat('family', CHAIR, COMMISSIONER, 'Město Jirkov')],
    },
    {
      subject: 'demo-chomutov-exclusion-chair',
      name: 'Martin Terénní',
      description: 'chair of the working group for people at risk of social exclusion, provider side',
      organisation: 'Terénní programy Podkrušnohoří, o.p.s.',
      seats: [seat('exclusion', CHAIR, PROVIDER, 'Terénní programy Podkrušnohoří, o.p.s.')],
    },
    {
      subject: 'demo-chomutov-steering-chair',
      name: 'Ivana Řídící',
      description: 'chair of the steering group (deputy mayor), commissioner side',
      organisation: 'Statutární město Chomutov',
      seats: [seat('steering', CHAIR, COMMISSIONER, 'Statutární město Chomutov')],
    },
    {
      subject: 'demo-chomutov-commission-chair',
      name: 'Miroslav Komisař',
      description: 'chair of the social commission (předseda sociální komise RM), approves materials for the council',
      seats: [seat('commission', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-commission-member',
      name: 'Alžběta Komisní',
      description: 'member of the social commission',
      seats: [seat('commission', MEMBER, PUBLIC)],
    },
    {
      subject: 'demo-chomutov-indicator-cvt',
      name: 'Dana Terénní',
      description: 'indicator guarantor (gestor indikátoru), social worker of Člověk v tísni (fictional person)',
      organisation: 'Člověk v tísni, o.p.s.',
      seats: [seat('exclusion', MEMBER, PROVIDER, 'Člověk v tísni, o.p.s.')],
    },
    {
      subject: 'demo-chomutov-indicator-svetlo',
      name: 'Filip Světelný',
      description: 'indicator guarantor (gestor indikátoru), worker of Světlo Kadaň (fictional person)',
      organisation: 'Světlo Kadaň, z.s.',
      seats: [seat('exclusion', MEMBER, PROVIDER, 'Světlo Kadaň, z.s.')],
    },
    {
      subject: 'demo-chomutov-councillor',
      name: 'Bohumil Radní',
      description: 'member of the council (radní)',
      seats: [seat('council', MEMBER, COMMISSIONER), seat('assembly', MEMBER, COMMISSIONER)],
    },
  ],
};

const KRUMLOV: AreaSpec = {
  key: 'krumlov',
  name: 'Český Krumlov',
  kind: AreaKind.TOWN,
  workflowKey: 'cesky-krumlov',
  municipalities: [['Český Krumlov', 12_800]],
  proposals: [
    { title: 'Denní stacionář pro seniory', summary: 'Koncept záměru.', kind: PROJECT_INTENT, group: 'ks-seniors', author: 'demo-krumlov-user', events: [] },
    { title: 'Asistence pro rodiny v krizi', summary: 'Návrh opatření KS Rodina.', kind: MEASURE, group: 'ks-family', author: 'demo-krumlov-family-chair', events: ['SUBMIT'] },
    { title: 'Osobní asistence o víkendech', summary: 'Doporučeno KS, projednává MS.', kind: MEASURE, group: 'ks-seniors', author: 'demo-krumlov-ks-chair', events: ['SUBMIT', 'RECOMMEND'] },
    { title: 'Navýšení příspěvku na pečovatelskou službu', summary: 'Materiál pro SK.', kind: MATERIAL, group: 'ks-seniors', author: 'demo-krumlov-commissioner', events: ['SUBMIT', 'RECOMMEND', 'RECOMMEND'] },
    { title: 'Nízkoprahový klub v Plešivci', summary: 'SK nedoporučuje, rozhodne RM.', kind: PROJECT_INTENT, group: 'ks-family', author: 'demo-krumlov-family-chair', events: ['SUBMIT', 'RECOMMEND', 'RECOMMEND', 'NOT_RECOMMEND'] },
    { title: 'Komunitní plán sociálních služeb 2027–2030', summary: 'Plán ke schválení ZM.', kind: PLAN, group: 'ks-seniors', author: 'demo-krumlov-coordinator', events: [...UP_TO_COUNCIL, 'REFER_TO_ASSEMBLY'] },
    { title: 'Tísňová péče pro osamělé seniory', summary: 'Schváleno radou města.', kind: MEASURE, group: 'ks-seniors', author: 'demo-krumlov-ks-chair', events: [...UP_TO_COUNCIL, 'APPROVE'] },
    { title: 'Dluhová poradna', summary: 'Zamítnuto radou města.', kind: PROJECT_INTENT, group: 'ks-family', author: 'demo-krumlov-family-chair', events: [...UP_TO_COUNCIL, 'REJECT'] },
    { title: 'Sdílené auto pro terénní služby', summary: 'Staženo autorem.', kind: PROJECT_INTENT, group: 'ks-seniors', author: 'demo-krumlov-user', events: ['WITHDRAW'] },
  ],
  bodies: [
    { key: 'zm', kind: BodyKind.ASSEMBLY, name: 'Zastupitelstvo města Český Krumlov', shortName: 'ZM' },
    { key: 'rm', kind: BodyKind.COUNCIL, name: 'Rada města Český Krumlov', shortName: 'RM', reportsTo: 'zm' },
    { key: 'sk', kind: BodyKind.SOCIAL_COMMISSION, name: 'Sociální komise Rady města', shortName: 'SK', reportsTo: 'rm' },
    { key: 'ms', kind: BodyKind.STEERING_GROUP, name: 'Manažerská skupina', shortName: 'MS', reportsTo: 'sk' },
    {
      key: 'ks-seniors',
      kind: BodyKind.WORKING_GROUP,
      name: 'Koordinační skupina Senioři a zdravotně postižení',
      shortName: 'KS',
      targetGroup: TargetGroup.SENIORS,
      reportsTo: 'ms',
    },
    {
      key: 'ks-family',
      kind: BodyKind.WORKING_GROUP,
      name: 'Koordinační skupina Rodina, děti a mládež',
      shortName: 'KS',
      targetGroup: TargetGroup.CHILDREN_YOUTH_FAMILY,
      reportsTo: 'ms',
    },
  ],
  people: [
    { subject: 'demo-krumlov-admin', name: 'Zdeněk Správce', description: 'area admin of Český Krumlov', roles: [AreaRoleKind.ADMIN] },
    {
      subject: 'demo-krumlov-coordinator',
      name: 'Kateřina Plánovačová',
      description: 'coordinator of community planning in Český Krumlov, member of the managerial group',
      organisation: 'Městský úřad Český Krumlov, odbor sociálních věcí',
      roles: [AreaRoleKind.COORDINATOR],
      seats: [seat('ms', MEMBER, COMMISSIONER, 'Městský úřad Český Krumlov')],
    },
    { subject: 'demo-krumlov-support', name: 'Filip Metodik', description: 'support organisation (TOZ) of Český Krumlov', roles: [AreaRoleKind.SUPPORT] },
    { subject: 'demo-krumlov-clerk', name: 'Simona Usnesení', description: 'clerk of the council (RM) and assembly (ZM)', roles: [AreaRoleKind.CLERK] },
    {
      subject: 'demo-krumlov-ks-chair',
      name: 'Drahomíra Koordinační',
      description: 'manager (chair) of KS Senioři a zdravotně postižení, provider side, and member of MS',
      organisation: 'Pečovatelská služba Vltava, o.p.s.',
      seats: [seat('ks-seniors', CHAIR, PROVIDER, 'Pečovatelská služba Vltava, o.p.s.'), seat('ms', MEMBER, PROVIDER, 'Pečovatelská služba Vltava, o.p.s.')],
    },
    {
      subject: 'demo-krumlov-commissioner',
      name: 'Vladimír Zadavatel',
      description: 'commissioner member of KS Senioři a zdravotně postižení',
      organisation: 'Město Český Krumlov',
      seats: [seat('ks-seniors', MEMBER, COMMISSIONER, 'Město Český Krumlov')],
    },
    {
      subject: 'demo-krumlov-user',
      name: 'Libuše Uživatelka',
      description: 'service-user member of KS Senioři a zdravotně postižení',
      seats: [seat('ks-seniors', MEMBER, SERVICE_USER)],
    },
    {
      subject: 'demo-krumlov-family-chair',
      name: 'Roman Mládežník',
      description: 'manager (chair) of KS Rodina, děti a mládež, provider side',
      organisation: 'Nízkoprahový klub Šnek, z.s.',
      seats: [seat('ks-family', CHAIR, PROVIDER, 'Nízkoprahový klub Šnek, z.s.')],
    },
    {
      subject: 'demo-krumlov-ms-chair',
      name: 'Jaroslava Místostarostová',
      description: 'chair of the managerial group (MS), deputy mayor',
      seats: [seat('ms', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-krumlov-sk-chair',
      name: 'Antonín Komisní',
      description: 'chair of the social commission (SK), guarantor of the process',
      seats: [seat('sk', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-krumlov-councillor',
      name: 'Petra Radní',
      description: 'member of the council (RM) and the assembly (ZM)',
      seats: [seat('rm', MEMBER, COMMISSIONER), seat('zm', MEMBER, COMMISSIONER)],
    },
  ],
};

const AREAS: AreaSpec[] = [CHOMUTOV, KRUMLOV];

const SEATS_FROM = '2024-01-01';

function slugEmail(name: string): string {
  return `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@example.cz`;
}

/** Every demo person with a subject, for the README and the token command. */
export const DEMO_PEOPLE: DemoPerson[] = AREAS.flatMap((area) =>
  area.people
    .filter((p): p is PersonSpec & { subject: string } => p.subject !== undefined)
    .map((p) => ({ subject: p.subject, name: p.name, area: area.key, description: p.description })),
);

/** Loads the demo areas into an empty database; returns false (and writes nothing) otherwise. */
export async function loadDemoData(em: EntityManager): Promise<boolean> {
  if ((await em.count(PlanningArea, {})) > 0) return false;
  await em.transactional(async (tx) => {
    for (const spec of AREAS) {
      // Rows refer to the area and to parent bodies by plain keys the ORM does not order by, so
      // parents are flushed before their children.
      const area = tx.create(PlanningArea, { name: spec.name, kind: spec.kind, workflowKey: spec.workflowKey });
      await tx.flush();
      const municipalities = new Map<string, Municipality>();
      for (const [name, population] of spec.municipalities) municipalities.set(name, tx.create(Municipality, { areaId: area.id, name, population }));
      const bodies = new Map<string, Body>();
      for (const b of spec.bodies) {
        const reportsTo = b.reportsTo ? bodies.get(b.reportsTo) : undefined;
        if (b.reportsTo && !reportsTo) throw new Error(`demo body ${b.key} reports to ${b.reportsTo}, defined later`);
        bodies.set(
          b.key,
          tx.create(Body, {
            areaId: area.id,
            kind: b.kind,
            name: b.name,
            shortName: b.shortName ?? null,
            targetGroup: b.targetGroup ?? null,
            reportsTo: reportsTo ?? null,
            ...defaultRules(b.kind),
          }),
        );
        await tx.flush();
      }
      const cast: DemoCast = { people: new Map(), roles: new Map(), seats: [] };
      spec.people.forEach((p, index) => {
        const person = tx.create(Person, {
          areaId: area.id,
          name: p.name,
          email: slugEmail(p.name),
          phone: `+420 700 ${String(100 + index).padStart(3, '0')} ${spec.key === 'chomutov' ? '001' : '002'}`,
          organisation: p.organisation ?? null,
          subject: p.subject ?? null,
        });
        cast.people.set(p.subject ?? p.name, person);
        cast.roles.set(p.subject ?? p.name, p.roles ?? []);
        for (const role of p.roles ?? []) {
          tx.create(AreaRole, { areaId: area.id, person, role, validFrom: SEATS_FROM, validTo: null, revokedAt: null });
        }
        for (const s of p.seats ?? []) {
          const body = bodies.get(s.body);
          if (!body) throw new Error(`demo seat in unknown body ${s.body}`);
          const membership = tx.create(Membership, {
            areaId: area.id,
            body,
            person,
            role: s.role,
            triadSide: s.side,
            votingRight: s.role !== GUEST,
            validFrom: SEATS_FROM,
            validTo: s.validTo ?? null,
            organisation: s.organisation ?? null,
          });
          cast.seats.push(membership);
        }
      });
      await tx.flush();
      await createDemoProposals(tx, area.id, spec.workflowKey, bodies, cast, spec.proposals);
      if (spec.key === 'chomutov') {
        const planProposal = await tx.findOne(Proposal, { areaId: area.id, kind: ProposalKind.PLAN, title: { $like: 'Střednědobý plán%' } });
        await createChomutovPlan(tx, area.id, planProposal?.id ?? null, municipalities, {
          cloveka: cast.people.get('demo-chomutov-indicator-cvt') as Person,
          svetlo: cast.people.get('demo-chomutov-indicator-svetlo') as Person,
          coordinator: cast.people.get('demo-chomutov-coordinator') as Person,
        });
      }
    }
    await tx.flush();
  });
  return true;
}

/** The demo people as a Markdown table, for the README. */
export function demoPeopleMarkdown(): string {
  const rows = DEMO_PEOPLE.map((p) => `| \`${p.subject}\` | ${p.name} | ${p.area === 'chomutov' ? 'ORP Chomutov' : 'Český Krumlov'} | ${p.description} |`);
  return ['| subject | name | area | what they are |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
