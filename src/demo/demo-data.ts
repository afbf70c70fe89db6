import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaRole } from '../entities/area-role.entity';
import { Body } from '../entities/body.entity';
import { AreaKind, AreaRoleKind, AttendanceStatus, BodyKind, Convener, DelegatedPower, MeetingStatus, MembershipRole, MinuteTaker, ProposalKind, TargetGroup, TriadSide } from '../entities/enums';
import { Delegation } from '../entities/delegation.entity';
import { Membership } from '../entities/membership.entity';
import { Municipality } from '../entities/municipality.entity';
import { Organisation } from '../entities/organisation.entity';
import { Person } from '../entities/person.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { Proposal } from '../entities/proposal.entity';
import { AgendaItem } from '../entities/agenda-item.entity';
import { Attendance } from '../entities/attendance.entity';
import { Meeting } from '../entities/meeting.entity';
import { Minutes } from '../entities/minutes.entity';
import { MinutesRecipient } from '../entities/minutes-recipient.entity';
import { meetingWorkflow } from '../workflows/meeting.workflow';
import { WorkflowVersion } from '../entities/workflow-version.entity';
import type { Text } from '../domain/text';
import type { WorkflowDefinition } from '../workflows/workflow-definition';
import { defaultRules } from '../services/body.service';
import { createChomutovPlan } from './demo-plan';
import { shippedWorkflows, type WorkflowRegistry } from '../workflows/workflow-registry';
import { createDemoProposals, type DemoCast, type DemoProposalSpec } from './demo-proposals';

/** A demo person who can sign in (local mode: `npm run --silent token -- <subject>`). */
export interface DemoPerson {
  subject: string;
  name: string;
  area: 'chomutov' | 'krumlov' | 'novyjicin';
  description: string;
}

type AreaKey = DemoPerson['area'];

/** Rules a body keeps different from `defaultRules(kind)`. */
type RuleOverrides = Partial<Pick<Body, 'isPublic' | 'materialsLeadDays' | 'minutesDueDays' | 'convener' | 'minuteTaker'>>;

interface BodySpec {
  key: string;
  kind: BodyKind;
  name: string;
  shortName?: string;
  description?: string;
  targetGroup?: TargetGroup;
  /** Key of a body listed earlier. */
  reportsTo?: string;
  rules?: RuleOverrides;
}

interface SeatSpec {
  body: string;
  role: MembershipRole;
  side: TriadSide;
  /** Name of the organisation the seat represents: the person's own unless given (null: none). */
  organisation?: string | null;
  validTo?: string;
}

interface PersonSpec {
  /** Without a subject the person cannot sign in (many working-group members never do). */
  subject?: string;
  name: string;
  /** One short English line for the README. */
  description: string;
  /** Name of the organisation the person works for; every name is one organisation of the area. */
  organisation?: string;
  roles?: AreaRoleKind[];
  seats?: SeatSpec[];
}

/**
 * A demo municipality: name, population (approximate) and its code (kód obce, ČSÚ/RÚIAN), which
 * the provider catalogue and its filter by municipality match. The codes are the official ones, as
 * listed with their district (okres) in the RÚIAN extract of github.com/Dominik-97/Czech-cities-regions
 * (psc-list.csv, columns kodobce/nazobce/nazokresu, commit df1bb8e) and, identically, in
 * github.com/pehovorka/covidvobcich-api (src/resolvers/search/assets/municipalities.ts,
 * municipalityId/districtName). Names that recur elsewhere in Czechia (Hrušovany, Černovice,
 * Březno, Místo, Blatno, Vysoká Pec) carry the code of the one in okres Chomutov.
 */
type DemoMunicipality = [name: string, population: number, code: number];

interface AreaSpec {
  key: AreaKey;
  name: string;
  kind: AreaKind;
  workflowKey: string;
  /** Used in the demo phone numbers: +420 700 00<n> <index>. */
  phoneBlock: number;
  municipalities: DemoMunicipality[];
  /** In an order where every body comes after the body it reports to. */
  bodies: BodySpec[];
  people: PersonSpec[];
  /** Proposals in every stage, with the histories that brought them there. */
  proposals: DemoProposalSpec[];
  /** Chairs' powers delegated for a term: a delegate (by subject) acts in a body for its chair. */
  delegations?: Array<{ body: string; delegate: string; power: DelegatedPower; note: string }>;
  /** The area's own workflow (key `workflowKey`), made from a template version in its own words and published as the area's. */
  ownWorkflow?: OwnWorkflowSpec;
  /** Meetings the source documents record, with their agendas, attendance and minutes. */
  meetings?: DemoMeetingSpec[];
}

/** A meeting as a source document records it; the body's other members are recorded absent. */
interface DemoMeetingSpec {
  body: string;
  title: string;
  /** UTC, ISO. */
  startsAt: string;
  endsAt?: string;
  place: string;
  status: MeetingStatus;
  agenda: Array<{ title: string; presenter?: string }>;
  present: string[];
  excused?: string[];
  minutes?: { text: string; draftedBy: string; verifiedBy?: string; distributed?: boolean };
  nextMeetingDate?: string;
}

/** An area's own workflow: a template version with the area's name for it and its labels (by stage key, by `EVENT@FROM`). */
interface OwnWorkflowSpec {
  template: { key: string; version: number };
  name: Text;
  stageLabels: Record<string, Text>;
  transitionLabels: Record<string, Text>;
}

const { CHAIR, SECRETARY, MEMBER, GUEST } = MembershipRole;
const { COMMISSIONER, PROVIDER, SERVICE_USER, PUBLIC } = TriadSide;

function seat(body: string, role: MembershipRole, side: TriadSide, extra: { organisation?: string | null; validTo?: string } = {}): SeatSpec {
  return { body, role, side, ...extra };
}

const SEATS_FROM = '2024-01-01';

/**
 * IČO of the demo organisations that are providers of the demo catalogue
 * (src/demo/demo-provider-register.json, fictional numbers with valid check digits): with them the
 * organisations link to their catalogue entries.
 */
const DEMO_ICO: Record<string, string> = {
  'Člověk v tísni, o.p.s.': '26593017',
  'Světlo Kadaň, z.s.': '22735046',
  'Domov Na Stráni, o.p.s.': '26407787',
  'Osobní asistence Podkrušnohoří, o.p.s.': '26754193',
  'Terénní programy Podkrušnohoří, o.p.s.': '28135903',
  'Sociální služby Zelený dvůr, o.p.s.': '05720460',
  'Pečovatelská služba Vltava, o.p.s.': '27114821',
};

// ---------------------------------------------------------------------------------------------
// ORP Chomutov (seeds 000 and 001)
// ---------------------------------------------------------------------------------------------

/**
 * ORP Chomutov as seed 001 describes it: 25 municipalities, 81,786 inhabitants. The figures per
 * municipality are approximations scaled so that they add up exactly to the seed's total; the seed
 * gives only the total. (Seed 001 spells Výsluní "Výslunní", a typo.) The codes are those of the
 * municipalities of okres Chomutov in RÚIAN (see DemoMunicipality); Pesvice and Nezabylice have
 * 54xxxx codes, the others 56xxxx.
 */
const CHOMUTOV_MUNICIPALITIES: DemoMunicipality[] = [
  ['Chomutov', 48_250, 562971],
  ['Jirkov', 19_120, 563099],
  ['Výsluní', 420, 563498],
  ['Bílence', 330, 562980],
  ['Blatno', 470, 562998],
  ['Boleboř', 260, 563005],
  ['Březno', 1_620, 563013],
  ['Černovice', 380, 563021],
  ['Droužkovice', 720, 563056],
  ['Hora Svatého Šebestiána', 250, 563064],
  ['Hrušovany', 600, 563072],
  ['Kalek', 230, 563111],
  ['Křimov', 330, 563161],
  ['Málkov', 280, 563200],
  ['Místo', 490, 563242],
  ['Nezabylice', 430, 546160],
  ['Otvice', 880, 563277],
  ['Pesvice', 180, 546062],
  ['Spořice', 1_540, 563340],
  ['Strupčice', 1_070, 563358],
  ['Údlice', 1_310, 563382],
  ['Vrskmaň', 560, 563463],
  ['Všehrdy', 230, 563471],
  ['Všestudy', 190, 563480],
  ['Vysoká Pec', 1_646, 563501],
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

/** Seed 000: the working group's meeting of 11 November 2014 (the people are the demo's, fictional). */
const CHOMUTOV_MINUTES_2014_11_11 = [
  'Koordinátorka zahájila jednání pracovní skupiny s tématem sociální služby v ORP Chomutov, přivítala zástupce obcí Bílence, Chomutov, Jirkov, Spořice a Výsluní a navázala na předchozí pracovní skupiny.',
  '',
  'Cílem čtvrté schůzky bylo určit gestory jednotlivých cílů a jejich indikátorů. Připomínky zapracoval realizační tým do souhrnného dokumentu.',
  '',
  '**Gestor cíle a gestor indikátoru.** Gestor cíle dohlíží, zda je prostřednictvím indikátorů dosahováno cíle; gestor indikátoru se aktivně zapojuje do realizace a zjišťuje hodnoty indikátoru. Gestorem cíle by měl být starosta obce, gestorem indikátoru ten, kdo je do problematiky více zapojen (např. neziskové organizace).',
  '',
  '- Cíl 1 (Zvýšení nabídky sociálních služeb): gestory obce Výsluní a Vrskmaň; indikátory Člověk v tísni a odbor sociálních věcí.',
  '- Cíl 2 (Zajištění koordinace služeb): gestory Chomutov a Spořice; indikátory Člověk v tísni, Světlo a koordinátor komunitního plánu.',
  '- Cíl 3 (Zvýšení informovanosti o sociálních službách): gestorem město Jirkov; indikátory koordinátoři KP Chomutova a Jirkova.',
  '',
  '**Různé.** Příští jednání: 21. 11. 2014 v 9:00, Chomutov, radnice – bývalé informační centrum.',
].join('\n');

const CHOMUTOV: AreaSpec = {
  key: 'chomutov',
  name: 'ORP Chomutov',
  kind: AreaKind.ORP,
  meetings: [
    {
      body: 'exclusion',
      title: '4. jednání pracovní skupiny: gestoři cílů a indikátorů',
      startsAt: '2014-11-11T08:00:00Z',
      endsAt: '2014-11-11T09:00:00Z',
      place: 'Chomutov, radnice, nám. 1. máje',
      status: MeetingStatus.MINUTES_DISTRIBUTED,
      agenda: [
        { title: 'Zahájení pracovní skupiny', presenter: 'demo-chomutov-coordinator' },
        { title: 'Gestor cíle, gestor indikátoru', presenter: 'demo-chomutov-coordinator' },
        { title: 'Různé' },
      ],
      present: ['demo-chomutov-exclusion-chair', 'demo-chomutov-exclusion-commissioner', 'demo-chomutov-indicator-cvt', 'demo-chomutov-indicator-svetlo'],
      excused: ['demo-chomutov-exclusion-user'],
      minutes: { text: CHOMUTOV_MINUTES_2014_11_11, draftedBy: 'demo-chomutov-coordinator', verifiedBy: 'demo-chomutov-exclusion-chair', distributed: true },
      nextMeetingDate: '2014-11-21',
    },
    {
      body: 'exclusion',
      title: '5. jednání pracovní skupiny',
      startsAt: '2014-11-21T08:00:00Z',
      place: 'Chomutov, radnice – bývalé informační centrum',
      status: MeetingStatus.HELD,
      agenda: [{ title: 'Akční plány: projektové záměry ke cílům', presenter: 'demo-chomutov-coordinator' }, { title: 'Různé' }],
      present: ['demo-chomutov-exclusion-chair', 'demo-chomutov-exclusion-commissioner', 'demo-chomutov-indicator-cvt', 'demo-chomutov-indicator-svetlo', 'demo-chomutov-exclusion-user'],
    },
  ],
  workflowKey: 'standard',
  phoneBlock: 1,
  municipalities: CHOMUTOV_MUNICIPALITIES,
  proposals: CHOMUTOV_PROPOSALS,
  bodies: [
    { key: 'assembly', kind: BodyKind.ASSEMBLY, name: 'Zastupitelstvo města Chomutova', shortName: 'ZM' },
    { key: 'council', kind: BodyKind.COUNCIL, name: 'Rada města Chomutova', shortName: 'RM', reportsTo: 'assembly' },
    { key: 'commission', kind: BodyKind.SOCIAL_COMMISSION, name: 'Sociální komise Rady města Chomutova', shortName: 'SK', reportsTo: 'council' },
    { key: 'steering', kind: BodyKind.STEERING_GROUP, name: 'Řídící skupina KPSS ORP Chomutov', shortName: 'ŘS', reportsTo: 'commission' },
    { key: 'seniors', kind: BodyKind.WORKING_GROUP, name: 'Pracovní skupina Senioři', targetGroup: TargetGroup.SENIORS, reportsTo: 'steering' },
    { key: 'disabled', kind: BodyKind.WORKING_GROUP, name: 'Pracovní skupina Osoby se zdravotním postižením', targetGroup: TargetGroup.PEOPLE_WITH_DISABILITIES, reportsTo: 'steering' },
    { key: 'family', kind: BodyKind.WORKING_GROUP, name: 'Pracovní skupina Rodina, děti a mládež', targetGroup: TargetGroup.CHILDREN_YOUTH_FAMILY, reportsTo: 'steering' },
    { key: 'exclusion', kind: BodyKind.WORKING_GROUP, name: 'Pracovní skupina Osoby ohrožené sociálním vyloučením', targetGroup: TargetGroup.SOCIAL_EXCLUSION, reportsTo: 'steering' },
  ],
  people: [
    // Area roles.
    { subject: 'demo-chomutov-admin', name: 'Radek Správa', description: 'area admin of ORP Chomutov', roles: [AreaRoleKind.ADMIN] },
    {
      subject: 'demo-chomutov-coordinator',
      name: 'Lucie Koordinátorová',
      description: 'coordinator (koordinátor KPSS) of ORP Chomutov, member of the steering group',
      organisation: 'Magistrát města Chomutova',
      roles: [AreaRoleKind.COORDINATOR],
      seats: [seat('steering', MEMBER, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-support',
      name: 'Tomáš Podpora',
      description: 'support organisation (TOZ) of ORP Chomutov: prepares materials, decides nothing',
      organisation: 'Poradenské centrum Krušnohoří, z.ú.',
      roles: [AreaRoleKind.SUPPORT],
    },
    { subject: 'demo-chomutov-clerk', name: 'Eva Zápisová', description: 'council clerk of Chomutov: records council and assembly resolutions', roles: [AreaRoleKind.CLERK] },

    // Pracovní skupina Senioři: the full triad, a public member, a guest and a member without a login.
    {
      subject: 'demo-chomutov-seniors-chair',
      name: 'Marie Vedoucí',
      description: 'manager (chair) of the seniors working group, commissioner side',
      organisation: 'Obec Spořice',
      seats: [seat('seniors', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-seniors-commissioner',
      name: 'Jitka Obecní',
      description: 'commissioner member of the seniors working group (municipality of Březno)',
      organisation: 'Obec Březno',
      seats: [seat('seniors', MEMBER, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-provider',
      name: 'Pavel Poskytovatel',
      description: 'provider director: provider member of the seniors working group and of the steering group',
      organisation: 'Domov Na Stráni, o.p.s.',
      seats: [seat('seniors', MEMBER, PROVIDER), seat('steering', MEMBER, PROVIDER)],
    },
    { subject: 'demo-chomutov-user', name: 'Jiřina Uživatelová', description: 'service-user member of the seniors working group', seats: [seat('seniors', MEMBER, SERVICE_USER)] },
    { subject: 'demo-chomutov-public', name: 'Ondřej Občan', description: 'public member of the seniors working group', seats: [seat('seniors', MEMBER, PUBLIC)] },
    {
      subject: 'demo-chomutov-guest',
      name: 'Hana Hostová',
      description: 'permanent guest (no vote) of the seniors working group',
      organisation: 'Úřad práce ČR, kontaktní pracoviště Chomutov',
      seats: [seat('seniors', GUEST, COMMISSIONER)],
    },
    {
      name: 'Josef Bezúčtu',
      description: 'service-user member of two working groups, without a login',
      seats: [seat('seniors', MEMBER, SERVICE_USER), seat('disabled', MEMBER, SERVICE_USER)],
    },

    // Pracovní skupina Osoby se zdravotním postižením.
    {
      subject: 'demo-chomutov-disabled-chair',
      name: 'Stanislav Předseda',
      description: 'chair of the disabilities working group (provider side); sits in the steering group for service users',
      organisation: 'Spolek Bez bariér Chomutov, z.s.',
      seats: [seat('disabled', CHAIR, PROVIDER), seat('steering', MEMBER, SERVICE_USER, { organisation: null })],
    },
    {
      subject: 'demo-chomutov-disabled-commissioner',
      name: 'Petr Úředník',
      description: 'commissioner member of the disabilities working group (city social department, an indicator guarantor organisation)',
      organisation: 'Magistrát města Chomutova, odbor sociálních věcí',
      seats: [seat('disabled', MEMBER, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-disabled-provider',
      name: 'Zuzana Asistentová',
      description: 'provider member of the disabilities working group',
      organisation: 'Osobní asistence Podkrušnohoří, o.p.s.',
      seats: [seat('disabled', MEMBER, PROVIDER)],
    },
    { subject: 'demo-chomutov-disabled-user', name: 'Lukáš Samostatný', description: 'service-user member of the disabilities working group', seats: [seat('disabled', MEMBER, SERVICE_USER)] },

    // Pracovní skupina Rodina, děti a mládež, with a seat that ended (history).
    {
      subject: 'demo-chomutov-family-chair',
      name: 'Veronika Rodinná',
      description: 'manager (chair) of the children, youth and family working group, commissioner side',
      organisation: 'Město Jirkov',
      seats: [seat('family', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-family-commissioner',
      name: 'Barbora Školská',
      description: 'commissioner member of the children, youth and family working group (municipality of Údlice)',
      organisation: 'Obec Údlice',
      seats: [seat('family', MEMBER, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-family-provider',
      name: 'Michal Klubový',
      description: 'provider member of the children, youth and family working group',
      organisation: 'Nízkoprahový klub Kompas, z.s.',
      seats: [seat('family', MEMBER, PROVIDER)],
    },
    { subject: 'demo-chomutov-family-user', name: 'Tereza Maminková', description: 'service-user member of the children, youth and family working group', seats: [seat('family', MEMBER, SERVICE_USER)] },
    {
      subject: 'demo-chomutov-former-member',
      name: 'Karla Bývalá',
      description: 'former provider member of the family working group (seat ended 30 June 2025)',
      organisation: 'Rodinné centrum Sluníčko, z.s.',
      seats: [seat('family', MEMBER, PROVIDER, { validTo: '2025-06-30' })],
    },

    // Pracovní skupina Osoby ohrožené sociálním vyloučením. Člověk v tísni and Světlo are the NGOs
    // seed 000 names as indicator guarantors (the people are fictional); demo-plan.ts names them.
    {
      subject: 'demo-chomutov-exclusion-chair',
      name: 'Martin Terénní',
      description: 'manager (chair) of the social-exclusion working group, provider side',
      organisation: 'Terénní programy Podkrušnohoří, o.p.s.',
      seats: [seat('exclusion', CHAIR, PROVIDER)],
    },
    {
      subject: 'demo-chomutov-exclusion-commissioner',
      name: 'Radka Starostová',
      description: 'commissioner member of the social-exclusion working group (mayor of Vysoká Pec)',
      organisation: 'Obec Vysoká Pec',
      seats: [seat('exclusion', MEMBER, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-indicator-cvt',
      name: 'Dana Terénní',
      description: 'of Člověk v tísni, an indicator guarantor organisation (gestor indikátoru): provider member of the social-exclusion working group',
      organisation: 'Člověk v tísni, o.p.s.',
      seats: [seat('exclusion', MEMBER, PROVIDER)],
    },
    {
      subject: 'demo-chomutov-indicator-svetlo',
      name: 'Filip Světelný',
      description: 'of Světlo Kadaň, an indicator guarantor organisation (gestor indikátoru): provider member of the social-exclusion working group',
      organisation: 'Světlo Kadaň, z.s.',
      seats: [seat('exclusion', MEMBER, PROVIDER)],
    },
    { subject: 'demo-chomutov-exclusion-user', name: 'Milan Nový', description: 'service-user member of the social-exclusion working group', seats: [seat('exclusion', MEMBER, SERVICE_USER)] },

    // Steering group, commission, council and assembly.
    {
      subject: 'demo-chomutov-steering-chair',
      name: 'Ivana Řídící',
      description: 'chair of the steering group (deputy mayor), commissioner side',
      organisation: 'Statutární město Chomutov',
      seats: [seat('steering', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-commission-chair',
      name: 'Miroslav Komisař',
      description: 'chair of the social commission (předseda sociální komise RM): approves materials for the council',
      seats: [seat('commission', CHAIR, COMMISSIONER)],
    },
    { subject: 'demo-chomutov-commission-member', name: 'Alžběta Komisní', description: 'member of the social commission (public side)', seats: [seat('commission', MEMBER, PUBLIC)] },
    {
      subject: 'demo-chomutov-commission-provider',
      name: 'Hedvika Pečovatelská',
      description: 'member of the social commission (provider side)',
      organisation: 'Sociální služby Zelený dvůr, o.p.s.',
      seats: [seat('commission', MEMBER, PROVIDER)],
    },
    {
      subject: 'demo-chomutov-mayor',
      name: 'Jaroslav Městský',
      description: 'mayor (primátor): chairs the council and the assembly',
      organisation: 'Statutární město Chomutov',
      seats: [seat('council', CHAIR, COMMISSIONER), seat('assembly', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-chomutov-councillor',
      name: 'Bohumil Radní',
      description: 'member of the council (radní) and of the assembly',
      seats: [seat('council', MEMBER, COMMISSIONER), seat('assembly', MEMBER, COMMISSIONER)],
    },
    // Seed 000: the community-planning coordinators of Chomutov and Jirkov guarantee goal 3's indicator.
    { name: 'Jana Jirkovská', description: 'community-planning coordinator of Jirkov (koordinátorka KP), an indicator guarantor, without a login', organisation: 'Město Jirkov' },
  ],
};

// ---------------------------------------------------------------------------------------------
// Český Krumlov (seed 003: KS → MS → SK → RM/ZM)
// ---------------------------------------------------------------------------------------------

/** Seed 003 on a coordination group (KS), shared by both groups. */
const KS_DESCRIPTION =
  'Základní pracovní skupina: zástupci zadavatele, poskytovatelů, uživatelů a veřejnosti. Schází se podle potřeby; ' +
  'svolává manažer nebo koordinátor; písemné podklady nejméně 5 dní před jednáním; zápis pořizuje koordinátor, ' +
  'ověřuje manažer a zasílá se členům KS a předsedovi SK.';

const KRUMLOV: AreaSpec = {
  key: 'krumlov',
  name: 'Český Krumlov',
  kind: AreaKind.TOWN,
  // Shaped like seed 004's meeting (Jindřichův Hradec, 29 March 2018): five items, the next date the public hearing.
  meetings: [
    {
      body: 'ks-family',
      title: 'Jednání koordinační skupiny Rodina, děti a mládež',
      startsAt: '2018-03-29T07:00:00Z',
      endsAt: '2018-03-29T09:00:00Z',
      place: 'Městský úřad Český Krumlov, zasedací místnost',
      status: MeetingStatus.MINUTES_DISTRIBUTED,
      agenda: [
        { title: 'Základní informace o komunitním plánování sociálních služeb', presenter: 'demo-krumlov-coordinator' },
        { title: 'Krajské plánování', presenter: 'demo-krumlov-coordinator' },
        { title: 'Organizační zajištění', presenter: 'demo-krumlov-family-chair' },
        { title: 'Hlavní aktivity', presenter: 'demo-krumlov-family-chair' },
        { title: 'Diskuze' },
      ],
      present: ['demo-krumlov-family-chair', 'demo-krumlov-family-commissioner', 'demo-krumlov-family-provider', 'demo-krumlov-family-user'],
      minutes: {
        text: [
          'Koordinátorka seznámila členy se zásadami komunitního plánování sociálních služeb a s krajským plánováním.',
          '',
          'Organizační zajištění: skupina se schází podle potřeby, písemné podklady nejméně 5 dní před jednáním, zápis pořizuje koordinátorka, ověřuje manažer skupiny.',
          '',
          'Hlavní aktivity: sběr potřeb rodin s dětmi, přehled služeb, návrhy opatření do plánu. Diskuze k dostupnosti sociálně aktivizačních služeb.',
          '',
          'Příští termín: veřejné projednání 12. 4. 2018.',
        ].join('\n'),
        draftedBy: 'demo-krumlov-coordinator',
        verifiedBy: 'demo-krumlov-family-chair',
        distributed: true,
      },
      nextMeetingDate: '2018-04-12',
    },
  ],
  workflowKey: 'cesky-krumlov',
  phoneBlock: 2,
  municipalities: [['Český Krumlov', 12_800, 545392]],
  // Seed 003: the commission is convened by its chair "or, as authorised by the chair, by the
  // secretary"; the managerial group's minutes are written by the coordinator, who chairs it, so a
  // member is named to verify them.
  delegations: [
    { body: 'sk', delegate: 'demo-krumlov-sk-secretary', power: DelegatedPower.CONVENE, note: 'Pověření předsedy SK ke svolávání jednání' },
    { body: 'ms', delegate: 'demo-krumlov-ks-chair', power: DelegatedPower.VERIFY_MINUTES, note: 'Ověřovatelka zápisů MS (zápis pořizuje koordinátorka, která MS řídí)' },
  ],
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
    {
      key: 'sk',
      kind: BodyKind.SOCIAL_COMMISSION,
      name: 'Sociální komise Rady města',
      shortName: 'SK',
      reportsTo: 'rm',
      description:
        'Řídí proces KPSS, projednává a doporučuje materiály do RM; je odpovědná radě města. Schází se zpravidla 1× měsíčně; ' +
        'svolává předseda nebo z jeho pověření tajemník; písemné podklady nejméně 3 dny před jednáním; zápis pořizuje pověřený člen SK, ' +
        'ověřuje předseda, rozesílá se do 7 dnů.',
      rules: { materialsLeadDays: 3, minutesDueDays: 7, convener: Convener.CHAIR, minuteTaker: MinuteTaker.SECRETARY },
    },
    {
      key: 'ms',
      kind: BodyKind.STEERING_GROUP,
      name: 'Manažerská skupina',
      shortName: 'MS',
      reportsTo: 'sk',
      description:
        'Hlavní koordinační skupina: manažeři KS a koordinátor. Schází se podle potřeby; svolává a řídí koordinátor; ' +
        'písemné podklady nejméně 5 dní před jednáním; zápis pořizuje koordinátor a zasílá členům MS a předsedovi SK.',
      rules: { materialsLeadDays: 5, convener: Convener.COORDINATOR, minuteTaker: MinuteTaker.COORDINATOR },
    },
    {
      key: 'ks-seniors',
      kind: BodyKind.WORKING_GROUP,
      name: 'Koordinační skupina Senioři a zdravotně postižení',
      shortName: 'KS',
      targetGroup: TargetGroup.SENIORS,
      reportsTo: 'ms',
      description: KS_DESCRIPTION,
      rules: { materialsLeadDays: 5, convener: Convener.CHAIR_OR_COORDINATOR, minuteTaker: MinuteTaker.COORDINATOR },
    },
    {
      key: 'ks-family',
      kind: BodyKind.WORKING_GROUP,
      name: 'Koordinační skupina Rodina, děti a mládež',
      shortName: 'KS',
      targetGroup: TargetGroup.CHILDREN_YOUTH_FAMILY,
      reportsTo: 'ms',
      description: KS_DESCRIPTION,
      rules: { materialsLeadDays: 5, convener: Convener.CHAIR_OR_COORDINATOR, minuteTaker: MinuteTaker.COORDINATOR },
    },
  ],
  people: [
    // Area roles. Seed 003: the coordinator convenes and chairs the managerial group (MS).
    { subject: 'demo-krumlov-admin', name: 'Zdeněk Správce', description: 'area admin of Český Krumlov', roles: [AreaRoleKind.ADMIN] },
    {
      subject: 'demo-krumlov-coordinator',
      name: 'Kateřina Plánovačová',
      description: 'coordinator (koordinátor KPSS) of Český Krumlov; convenes and chairs the managerial group (MS)',
      organisation: 'Městský úřad Český Krumlov, odbor sociálních věcí a zdravotnictví',
      roles: [AreaRoleKind.COORDINATOR],
      seats: [seat('ms', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-krumlov-support',
      name: 'Filip Metodik',
      description: 'support organisation (TOZ) of Český Krumlov: prepares materials, decides nothing',
      organisation: 'Metodické centrum Pod Kletí, z.ú.',
      roles: [AreaRoleKind.SUPPORT],
    },
    { subject: 'demo-krumlov-clerk', name: 'Simona Usnesení', description: 'clerk of the council (RM) and the assembly (ZM)', roles: [AreaRoleKind.CLERK] },

    // KS Senioři a zdravotně postižení: zadavatel, poskytovatelé, uživatelé a veřejnost (seed 003).
    {
      subject: 'demo-krumlov-ks-chair',
      name: 'Drahomíra Koordinační',
      description: 'manager (chair) of KS Senioři a zdravotně postižení, provider side; member of MS, named to verify its minutes',
      organisation: 'Pečovatelská služba Vltava, o.p.s.',
      seats: [seat('ks-seniors', CHAIR, PROVIDER), seat('ms', MEMBER, PROVIDER)],
    },
    {
      subject: 'demo-krumlov-commissioner',
      name: 'Vladimír Zadavatel',
      description: 'commissioner member of KS Senioři a zdravotně postižení',
      organisation: 'Město Český Krumlov',
      seats: [seat('ks-seniors', MEMBER, COMMISSIONER)],
    },
    {
      subject: 'demo-krumlov-provider',
      name: 'Helena Domovská',
      description: 'provider member of KS Senioři a zdravotně postižení',
      organisation: 'Denní centrum Slunečnice, z.ú.',
      seats: [seat('ks-seniors', MEMBER, PROVIDER)],
    },
    { subject: 'demo-krumlov-user', name: 'Libuše Uživatelka', description: 'service-user member of KS Senioři a zdravotně postižení', seats: [seat('ks-seniors', MEMBER, SERVICE_USER)] },
    { subject: 'demo-krumlov-public', name: 'Jan Veřejný', description: 'public member of KS Senioři a zdravotně postižení', seats: [seat('ks-seniors', MEMBER, PUBLIC)] },
    {
      subject: 'demo-krumlov-guest',
      name: 'Olga Hostující',
      description: 'guest (no vote) of KS Senioři a zdravotně postižení from the regional authority',
      organisation: 'Krajský úřad Jihočeského kraje, odbor sociálních věcí',
      seats: [seat('ks-seniors', GUEST, COMMISSIONER)],
    },

    // KS Rodina, děti a mládež.
    {
      subject: 'demo-krumlov-family-chair',
      name: 'Roman Mládežník',
      description: 'manager (chair) of KS Rodina, děti a mládež, provider side; member of MS',
      organisation: 'Nízkoprahový klub Šnek, z.s.',
      seats: [seat('ks-family', CHAIR, PROVIDER), seat('ms', MEMBER, PROVIDER)],
    },
    {
      subject: 'demo-krumlov-family-commissioner',
      name: 'Alena Kurátorová',
      description: 'commissioner member of KS Rodina, děti a mládež (child protection department)',
      organisation: 'Městský úřad Český Krumlov, OSPOD',
      seats: [seat('ks-family', MEMBER, COMMISSIONER)],
    },
    {
      subject: 'demo-krumlov-family-provider',
      name: 'David Poradce',
      description: 'provider member of KS Rodina, děti a mládež',
      organisation: 'Rodinná poradna Na Plášti, z.ú.',
      seats: [seat('ks-family', MEMBER, PROVIDER)],
    },
    { subject: 'demo-krumlov-family-user', name: 'Martina Rodičová', description: 'service-user member of KS Rodina, děti a mládež', seats: [seat('ks-family', MEMBER, SERVICE_USER)] },

    // SK (the process guarantor is its chair; a member it names takes the minutes), RM and ZM.
    {
      subject: 'demo-krumlov-sk-chair',
      name: 'Antonín Komisní',
      description: 'chair of the social commission (SK), guarantor of the process (garant procesu)',
      seats: [seat('sk', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-krumlov-sk-secretary',
      name: 'Ivana Zapisovatelová',
      description: 'member of the social commission (SK) who takes its minutes (secretary) and convenes it on its chair\'s behalf',
      seats: [seat('sk', SECRETARY, COMMISSIONER)],
    },
    { subject: 'demo-krumlov-sk-member', name: 'Pavla Členová', description: 'member of the social commission (SK), public side', seats: [seat('sk', MEMBER, PUBLIC)] },
    {
      subject: 'demo-krumlov-mayor',
      name: 'Tomáš Starosta',
      description: 'mayor (starosta): chairs the council (RM) and the assembly (ZM)',
      organisation: 'Město Český Krumlov',
      seats: [seat('rm', CHAIR, COMMISSIONER), seat('zm', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-krumlov-councillor',
      name: 'Petra Radní',
      description: 'member of the council (RM) and the assembly (ZM)',
      seats: [seat('rm', MEMBER, COMMISSIONER), seat('zm', MEMBER, COMMISSIONER)],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// ORP Nový Jičín (seed 002: discussion forums → steering group → council and assembly)
// ---------------------------------------------------------------------------------------------

/** Seed 002 on a discussion forum, shared by the forums. */
const FORUM_DESCRIPTION =
  'Diskusní fórum je skupina funkčně vytvořená řídící skupinou k řešení problémů dané oblasti; členové jsou zástupci triády: ' +
  'zadavatelé (samospráva), poskytovatelé služeb, uživatelé služeb a veřejnost s konkrétní potřebou.';

const NOVY_JICIN: AreaSpec = {
  key: 'novyjicin',
  name: 'ORP Nový Jičín',
  kind: AreaKind.ORP,
  workflowKey: 'novy-jicin-fora',
  // Seed 002: the steering group "selects priority proposals … and presents them to the council and
  // the assembly"; there is no social commission. The area runs the Nový Jičín template (with the
  // public hearing binding every pass) in its own words.
  ownWorkflow: {
    template: { key: 'novy-jicin', version: 3 },
    name: { cs: 'Nový Jičín: diskusní fóra → řídící skupina → rada a zastupitelstvo', en: 'Nový Jičín: discussion forums → steering group → council and assembly' },
    stageLabels: {
      DRAFT: { cs: 'Podnět', en: 'Suggestion' },
      WORKING_GROUP: { cs: 'Diskusní fórum', en: 'Discussion forum' },
      STEERING_GROUP: { cs: 'Řídící skupina (výběr prioritních návrhů)', en: 'Steering group (choosing priority proposals)' },
      COUNCIL: { cs: 'Rada města Nový Jičín', en: 'Town council of Nový Jičín' },
      ASSEMBLY: { cs: 'Zastupitelstvo města Nový Jičín', en: 'Town assembly of Nový Jičín' },
    },
    transitionLabels: {
      'SUBMIT@DRAFT': { cs: 'Předložit diskusnímu fóru', en: 'Submit to the discussion forum' },
      'RECOMMEND@WORKING_GROUP': { cs: 'Fórum postupuje řídící skupině', en: 'The forum passes it to the steering group' },
      'RECOMMEND@STEERING_GROUP': { cs: 'Prioritní návrh: předložit radě', en: 'Priority proposal: present to the council' },
      'RETURN@STEERING_GROUP': { cs: 'Vrátit diskusnímu fóru', en: 'Return to the discussion forum' },
    },
  },
  phoneBlock: 3,
  // Approximate figures for four of the district's municipalities (the seed gives none).
  municipalities: [
    ['Nový Jičín', 23_300, 599191],
    ['Kunín', 2_000, 568546],
    ['Starý Jičín', 2_800, 599905],
    ['Suchdol nad Odrou', 2_700, 599930],
  ],
  proposals: [
    { title: 'Sdílená odlehčovací služba pro obce Novojičínska', summary: 'Podnět z Dnů sociálních služeb.', kind: PROJECT_INTENT, group: 'df-seniors', author: 'demo-nj-user', events: [] },
    { title: 'Dobrovolníci v domácnostech seniorů', summary: 'Projednává diskusní fórum.', kind: MEASURE, group: 'df-seniors', author: 'demo-nj-forum-chair', events: ['SUBMIT'] },
    { title: 'Terénní práce s rodinami v Kuníně', summary: 'Fórum postoupilo řídící skupině.', kind: MEASURE, group: 'df-family', author: 'demo-nj-family-chair', events: ['SUBMIT', 'RECOMMEND'] },
    { title: 'Síť sociálních služeb financovaná s obcemi', summary: 'Prioritní návrh před radou.', kind: MATERIAL, group: 'df-seniors', author: 'demo-nj-coordinator', events: ['SUBMIT', 'RECOMMEND', 'RECOMMEND'] },
    { title: 'Denní stacionář v Suchdole nad Odrou', summary: 'Schváleno radou města.', kind: PROJECT_INTENT, group: 'df-seniors', author: 'demo-nj-forum-chair', events: ['SUBMIT', 'RECOMMEND', 'RECOMMEND', 'APPROVE'] },
  ],
  bodies: [
    { key: 'zm', kind: BodyKind.ASSEMBLY, name: 'Zastupitelstvo města Nový Jičín', shortName: 'ZM' },
    { key: 'rm', kind: BodyKind.COUNCIL, name: 'Rada města Nový Jičín', shortName: 'RM', reportsTo: 'zm' },
    {
      key: 'rs',
      kind: BodyKind.STEERING_GROUP,
      name: 'Řídící skupina komunitního plánování',
      shortName: 'ŘS',
      reportsTo: 'rm',
      description:
        'Metodický člen vedení města, vedoucí odboru sociálních věcí, vedoucí diskusních fór a koordinátor KP. Pracuje s výstupy diskusních fór ' +
        'a odborné pracovní platformy, vybírá prioritní návrhy a předkládá je radě a zastupitelstvu. Jednání je neveřejné.',
      rules: { isPublic: false },
    },
    { key: 'df-seniors', kind: BodyKind.WORKING_GROUP, name: 'Diskusní fórum Senioři', shortName: 'DF', targetGroup: TargetGroup.SENIORS, reportsTo: 'rs', description: FORUM_DESCRIPTION },
    { key: 'df-family', kind: BodyKind.WORKING_GROUP, name: 'Diskusní fórum Rodina, děti a mládež', shortName: 'DF', targetGroup: TargetGroup.CHILDREN_YOUTH_FAMILY, reportsTo: 'rs', description: FORUM_DESCRIPTION },
  ],
  people: [
    { subject: 'demo-nj-admin', name: 'Aleš Správní', description: 'area admin of ORP Nový Jičín: shapes its own workflow', roles: [AreaRoleKind.ADMIN] },
    {
      subject: 'demo-nj-coordinator',
      name: 'Jana Komunitní',
      description: 'coordinator of community planning (koordinátorka KP) of Nový Jičín, member of the steering group',
      organisation: 'Městský úřad Nový Jičín, odbor sociálních věcí',
      roles: [AreaRoleKind.COORDINATOR],
      seats: [seat('rs', MEMBER, COMMISSIONER)],
    },
    { subject: 'demo-nj-clerk', name: 'Olga Radniční', description: 'clerk of the council and the assembly of Nový Jičín', roles: [AreaRoleKind.CLERK] },
    {
      subject: 'demo-nj-steering-chair',
      name: 'Milan Metodický',
      description: 'deputy mayor for methodology (metodický člen vedení města), chair of the steering group',
      organisation: 'Město Nový Jičín',
      seats: [seat('rs', CHAIR, COMMISSIONER)],
    },
    {
      subject: 'demo-nj-forum-chair',
      name: 'Irena Fórová',
      description: 'leader (chair) of the seniors discussion forum, provider side; member of the steering group',
      organisation: 'Charita Nový Jičín',
      seats: [seat('df-seniors', CHAIR, PROVIDER), seat('rs', MEMBER, PROVIDER)],
    },
    { subject: 'demo-nj-commissioner', name: 'Karel Obecní', description: 'commissioner member of the seniors discussion forum (mayor of Kunín)', organisation: 'Obec Kunín', seats: [seat('df-seniors', MEMBER, COMMISSIONER)] },
    { subject: 'demo-nj-user', name: 'Věra Uživatelská', description: 'service-user member of the seniors discussion forum', seats: [seat('df-seniors', MEMBER, SERVICE_USER)] },
    { subject: 'demo-nj-public', name: 'Petr Občanský', description: 'member of the public with a concrete need, seniors discussion forum', seats: [seat('df-seniors', MEMBER, PUBLIC)] },
    {
      subject: 'demo-nj-family-chair',
      name: 'Lenka Rodinná',
      description: 'leader (chair) of the family discussion forum, provider side; member of the steering group',
      organisation: 'Centrum pro rodinu Nový Jičín, z.s.',
      seats: [seat('df-family', CHAIR, PROVIDER), seat('rs', MEMBER, PROVIDER)],
    },
    { subject: 'demo-nj-family-commissioner', name: 'Tomáš Sociální', description: 'commissioner member of the family discussion forum (social department)', organisation: 'Městský úřad Nový Jičín, odbor sociálních věcí', seats: [seat('df-family', MEMBER, COMMISSIONER)] },
    { subject: 'demo-nj-family-user', name: 'Eva Matková', description: 'service-user member of the family discussion forum', seats: [seat('df-family', MEMBER, SERVICE_USER)] },
    {
      subject: 'demo-nj-mayor',
      name: 'Stanislav Starosta',
      description: 'mayor: chairs the council and the assembly of Nový Jičín',
      organisation: 'Město Nový Jičín',
      seats: [seat('rm', CHAIR, COMMISSIONER), seat('zm', CHAIR, COMMISSIONER)],
    },
  ],
};

/** An area's own workflow as its spec shapes it from a template version: every label the spec names replaced, the rest as the template has it. */
function ownWorkflowOf(spec: AreaSpec, workflows: WorkflowRegistry): WorkflowDefinition | null {
  const own = spec.ownWorkflow;
  if (!own) return null;
  const template = workflows.get(own.template.key, own.template.version).definition;
  return {
    ...template,
    key: spec.workflowKey,
    version: 1,
    name: own.name,
    stages: template.stages.map((s) => ({ ...s, label: own.stageLabels[s.key] ?? s.label })),
    transitions: template.transitions.map((t) => ({ ...t, label: t.from.length === 1 ? (own.transitionLabels[`${t.event}@${t.from[0]}`] ?? t.label) : t.label })),
  };
}

const AREAS: AreaSpec[] = [CHOMUTOV, KRUMLOV, NOVY_JICIN];

// ---------------------------------------------------------------------------------------------

function slugEmail(name: string): string {
  return `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@example.cz`;
}

function demoPhone(area: AreaSpec, index: number): string {
  return `+420 700 00${area.phoneBlock} ${String(index + 1).padStart(3, '0')}`;
}

/** Every demo person with a subject, for the README and the token command. */
export const DEMO_PEOPLE: DemoPerson[] = AREAS.flatMap((area) =>
  area.people
    .filter((p): p is PersonSpec & { subject: string } => p.subject !== undefined)
    .map((p) => ({ subject: p.subject, name: p.name, area: area.key, description: p.description })),
);

/** Every demo municipality with its area's name and its code (kód obce). */
export const DEMO_MUNICIPALITY_CODES: Array<{ area: string; name: string; code: number }> = AREAS.flatMap((area) =>
  area.municipalities.map(([name, , code]) => ({ area: area.name, name, code })),
);

interface BuiltArea {
  spec: AreaSpec;
  area: PlanningArea;
  municipalities: Map<string, Municipality>;
  bodies: Map<string, Body>;
  cast: DemoCast;
}

/** Every organisation name the area's people, seats and proposals give, once, in order of appearance. */
function organisationNames(spec: AreaSpec): string[] {
  const names = spec.people.flatMap((p) => [p.organisation, ...(p.seats ?? []).map((s) => s.organisation)]);
  return [...new Set([...names, ...spec.proposals.map((p) => p.concernedOrganisation)].filter((n): n is string => typeof n === 'string'))];
}

/** Creates (without flushing) an area's municipalities, organisations, bodies, people, area roles and seats. */
function createBodiesAndPeople(tx: EntityManager, spec: AreaSpec, area: PlanningArea): BuiltArea {
  const areaId = area.id;
  const municipalities = new Map<string, Municipality>();
  for (const [name, population, code] of spec.municipalities) municipalities.set(name, tx.create(Municipality, { areaId, name, population, code }));
  const organisations = new Map<string, Organisation>();
  for (const name of organisationNames(spec)) organisations.set(name, tx.create(Organisation, { areaId, name, ico: DEMO_ICO[name] ?? null }));
  const organisation = (name: string | null | undefined): Organisation | null => (name ? (organisations.get(name) ?? null) : null);

  const bodies = new Map<string, Body>();
  for (const b of spec.bodies) {
    const reportsTo = b.reportsTo === undefined ? null : bodies.get(b.reportsTo);
    if (reportsTo === undefined) throw new Error(`demo body ${b.key} reports to ${b.reportsTo ?? '?'}, which is not listed before it`);
    const body = tx.create(Body, {
      areaId,
      kind: b.kind,
      name: b.name,
      shortName: b.shortName ?? null,
      description: b.description ?? null,
      targetGroup: b.targetGroup ?? null,
      reportsTo,
      ...defaultRules(b.kind),
      ...b.rules,
    });
    bodies.set(b.key, body);
  }

  const cast: DemoCast = { people: new Map(), roles: new Map(), seats: [], organisations };
  spec.people.forEach((p, index) => {
    const person = tx.create(Person, {
      areaId,
      name: p.name,
      email: slugEmail(p.name),
      phone: demoPhone(spec, index),
      organisation: organisation(p.organisation),
      subject: p.subject ?? null,
    });
    const key = p.subject ?? p.name;
    cast.people.set(key, person);
    cast.roles.set(key, p.roles ?? []);
    for (const role of p.roles ?? []) {
      tx.create(AreaRole, { areaId, person, role, validFrom: SEATS_FROM, validTo: null, revokedAt: null });
    }
    for (const s of p.seats ?? []) {
      const body = bodies.get(s.body);
      if (!body) throw new Error(`demo seat of ${p.name} in unknown body ${s.body}`);
      const membership = tx.create(Membership, {
        areaId,
        body,
        person,
        role: s.role,
        triadSide: s.side,
        votingRight: s.role !== GUEST,
        validFrom: SEATS_FROM,
        validTo: s.validTo ?? null,
        organisation: organisation(s.organisation === undefined ? p.organisation : s.organisation),
      });
      cast.seats.push(membership);
    }
  });
  return { spec, area, municipalities, bodies, cast };
}

/** Creates (without flushing) an area's delegations; after its bodies and people are in (plain id columns). */
function createDelegations(tx: EntityManager, { spec, area, bodies, cast }: BuiltArea): void {
  for (const d of spec.delegations ?? []) {
    const body = bodies.get(d.body);
    const delegate = cast.people.get(d.delegate);
    if (!body || !delegate) throw new Error(`demo delegation in ${d.body} to ${d.delegate}: unknown body or person`);
    const chair = cast.seats.find((m) => m.body === body && m.role === CHAIR);
    tx.create(Delegation, {
      areaId: area.id,
      bodyId: body.id,
      delegateId: delegate.id,
      forPersonId: chair ? chair.person.id : null,
      power: d.power,
      validFrom: SEATS_FROM,
      validTo: null,
      revokedAt: null,
      grantedById: chair ? chair.person.id : null,
      note: d.note,
    });
  }
}

/** Writes the meetings the area's source documents record: agenda, attendance, minutes and their recipients (rows that name others by plain keys come after them). */
async function createDemoMeetings(tx: EntityManager, { spec, area, bodies, cast }: BuiltArea): Promise<void> {
  const person = (subject: string): Person => {
    const found = cast.people.get(subject);
    if (!found) throw new Error(`demo meeting: unknown person ${subject}`);
    return found;
  };
  for (const m of spec.meetings ?? []) {
    const body = bodies.get(m.body);
    if (!body) throw new Error(`demo meeting: unknown body ${m.body}`);
    const startsAt = new Date(m.startsAt);
    const meeting = tx.create(Meeting, {
      areaId: area.id,
      body,
      title: m.title,
      startsAt,
      endsAt: m.endsAt ? new Date(m.endsAt) : null,
      place: m.place,
      status: m.status,
      snapshot: meetingWorkflow.snapshotAt(m.status),
      nextMeetingDate: m.nextMeetingDate ?? null,
      // Held before the area kept its record here: recorded afterwards, as `scheduleMeeting(alreadyHeld)` records one.
      recordedAfterwards: true,
    });
    m.agenda.forEach((item, i) =>
      tx.create(AgendaItem, { areaId: area.id, meeting, position: i + 1, title: item.title, presenter: item.presenter ? person(item.presenter) : null, late: false }),
    );
    await tx.flush();
    const seats = cast.seats.filter((s) => s.body === body);
    for (const seat of seats) {
      const subject = [...cast.people.entries()].find(([, p]) => p === seat.person)?.[0];
      const status = subject && m.present.includes(subject) ? AttendanceStatus.PRESENT : subject && m.excused?.includes(subject) ? AttendanceStatus.EXCUSED : AttendanceStatus.ABSENT;
      tx.create(Attendance, {
        meetingId: meeting.id,
        personId: seat.person.id,
        areaId: area.id,
        status,
        isGuest: seat.role === GUEST,
        triadSide: seat.triadSide,
        votingRight: seat.votingRight,
      });
    }
    if (m.minutes) {
      const heldUntil = m.endsAt ? new Date(m.endsAt) : startsAt;
      const day = 86_400_000;
      const minutes = tx.create(Minutes, {
        areaId: area.id,
        meeting,
        version: 1,
        text: m.minutes.text,
        draftedBy: person(m.minutes.draftedBy),
        draftedAt: new Date(heldUntil.getTime() + 2 * day),
        verifiedBy: m.minutes.verifiedBy ? person(m.minutes.verifiedBy) : null,
        verifiedAt: m.minutes.verifiedBy ? new Date(heldUntil.getTime() + 4 * day) : null,
        distributedBy: m.minutes.distributed ? person(m.minutes.draftedBy) : null,
        distributedAt: m.minutes.distributed ? new Date(heldUntil.getTime() + 5 * day) : null,
      });
      await tx.flush();
      if (m.minutes.distributed) {
        for (const seat of seats) tx.create(MinutesRecipient, { minutesId: minutes.id, personId: seat.person.id, areaId: area.id, sentAt: new Date(heldUntil.getTime() + 5 * day) });
      }
    }
  }
}

/** Loads the demo areas into an empty database; returns false (and writes nothing) otherwise. */
export async function loadDemoData(em: EntityManager, workflows: WorkflowRegistry = shippedWorkflows()): Promise<boolean> {
  if ((await em.count(PlanningArea, {})) > 0) return false;
  await em.transactional(async (tx) => {
    const areas = AREAS.map((spec) => ({ spec, area: tx.create(PlanningArea, { name: spec.name, kind: spec.kind, workflowKey: spec.workflowKey }) }));
    // `area_id` is a plain column, not an ORM relation, so the ORM would not insert the areas
    // before the rows that refer to them: the areas go first.
    await tx.flush();
    // An area's own workflow is published as the area's (a record like any an admin publishes), before its proposals run on it.
    for (const { spec, area } of areas) {
      const own = ownWorkflowOf(spec, workflows);
      if (own) {
        workflows.add(own, area.id);
        tx.create(WorkflowVersion, { key: own.key, version: own.version, areaId: area.id, definition: own });
      }
    }
    await tx.flush();
    const built = areas.map(({ spec, area }) => createBodiesAndPeople(tx, spec, area));
    // The whole organisation of both areas in one flush (Body.reportsTo is a relation, so the ORM
    // orders the bodies itself).
    await tx.flush();
    for (const b of built) createDelegations(tx, b);
    for (const b of built) await createDemoMeetings(tx, b);

    for (const { spec, area, municipalities, bodies, cast } of built) {
      await createDemoProposals(tx, area.id, spec.workflowKey, bodies, cast, spec.proposals, workflows);
      if (spec.key === 'chomutov') {
        const planProposal = await tx.findOne(Proposal, { areaId: area.id, kind: ProposalKind.PLAN, title: { $like: 'Střednědobý plán%' } });
        await createChomutovPlan(tx, area.id, planProposal?.id ?? null, municipalities, cast);
      }
    }
    await tx.flush();
  });
  return true;
}

/** The demo people as a Markdown table, for the README. */
export function demoPeopleMarkdown(): string {
  const areaName: Record<AreaKey, string> = { chomutov: 'ORP Chomutov', krumlov: 'Český Krumlov', novyjicin: 'ORP Nový Jičín' };
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const rows = DEMO_PEOPLE.map((p) => `| \`${p.subject}\` | ${cell(p.name)} | ${areaName[p.area]} | ${cell(p.description)} |`);
  return ['| subject | name | area | what they are |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
