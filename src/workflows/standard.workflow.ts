import { BodyKind, ProposalPhase } from '../domain/enums';
import type { ActorRule, GuardRef, StageDefinition, TransitionDefinition, WorkflowDefinition } from './workflow-definition';

const COORDINATOR: ActorRule = { kind: 'AREA_ROLE', role: 'COORDINATOR' };
const CLERK: ActorRule = { kind: 'AREA_ROLE', role: 'CLERK' };
const AUTHOR: ActorRule = { kind: 'AUTHOR' };
const chairOf = (bodyKind: BodyKind): ActorRule => ({ kind: 'CHAIR_OF', bodyKind });

export const STANDARD_STAGES: StageDefinition[] = [
  { key: 'DRAFT', label: { cs: 'Návrh', en: 'Draft' }, phase: ProposalPhase.DRAFT },
  { key: 'WORKING_GROUP', label: { cs: 'Pracovní skupina', en: 'Working group' }, phase: ProposalPhase.IN_REVIEW, bodyKind: BodyKind.WORKING_GROUP },
  { key: 'STEERING_GROUP', label: { cs: 'Řídící skupina', en: 'Steering group' }, phase: ProposalPhase.IN_REVIEW, bodyKind: BodyKind.STEERING_GROUP },
  { key: 'SOCIAL_COMMISSION', label: { cs: 'Sociální komise', en: 'Social commission' }, phase: ProposalPhase.IN_REVIEW, bodyKind: BodyKind.SOCIAL_COMMISSION },
  { key: 'COUNCIL', label: { cs: 'Rada města', en: 'Council' }, phase: ProposalPhase.IN_REVIEW, bodyKind: BodyKind.COUNCIL },
  { key: 'ASSEMBLY', label: { cs: 'Zastupitelstvo', en: 'Assembly' }, phase: ProposalPhase.IN_REVIEW, bodyKind: BodyKind.ASSEMBLY },
  { key: 'APPROVED', label: { cs: 'Schváleno', en: 'Approved' }, phase: ProposalPhase.APPROVED },
  { key: 'REJECTED', label: { cs: 'Zamítnuto', en: 'Rejected' }, phase: ProposalPhase.REJECTED },
  { key: 'WITHDRAWN', label: { cs: 'Staženo', en: 'Withdrawn' }, phase: ProposalPhase.WITHDRAWN },
];

const SUBMIT = { cs: 'Předložit pracovní skupině', en: 'Submit to the working group' };
const WITHDRAW = { cs: 'Stáhnout', en: 'Withdraw' };
const RETURN = { cs: 'Vrátit k přepracování', en: 'Return for rework' };

/** The part every definition shares: drafting, submitting and withdrawing. */
export const DRAFTING_TRANSITIONS: TransitionDefinition[] = [
  {
    from: ['DRAFT'],
    event: 'SUBMIT',
    to: 'WORKING_GROUP',
    label: SUBMIT,
    guards: [{ name: 'actorIs', params: { anyOf: [AUTHOR, chairOf(BodyKind.WORKING_GROUP), COORDINATOR] } }, { name: 'hasTitleAndSummary' }],
    effects: ['SUBMITTED'],
  },
  {
    from: ['DRAFT', 'WORKING_GROUP'],
    event: 'WITHDRAW',
    to: 'WITHDRAWN',
    label: WITHDRAW,
    guards: [{ name: 'actorIs', params: { anyOf: [AUTHOR, COORDINATOR] } }, { name: 'reasonRequiredUnlessAuthor' }],
  },
  {
    from: ['WORKING_GROUP'],
    event: 'RETURN',
    to: 'DRAFT',
    label: RETURN,
    guards: [{ name: 'actorIs', params: { anyOf: [chairOf(BodyKind.WORKING_GROUP), COORDINATOR] } }, { name: 'reasonRequired' }],
    returns: true,
  },
];

/** Council and assembly decisions, recorded by the clerk (or the coordinator) with the resolution number. */
export function councilAndAssembly(councilReturnsTo: string): TransitionDefinition[] {
  const recorder: GuardRef = { name: 'actorIs', params: { anyOf: [CLERK, COORDINATOR] } };
  const resolution: GuardRef = { name: 'resolutionNumberRequired' };
  return [
    {
      from: ['COUNCIL'],
      event: 'APPROVE',
      to: 'APPROVED',
      label: { cs: 'Rada schválila', en: 'Council approved' },
      guards: [recorder, resolution, { name: 'kindIsNot', params: { kinds: ['PLAN'] } }],
      effects: ['COUNCIL_RESOLUTION'],
    },
    {
      from: ['COUNCIL'],
      event: 'REFER_TO_ASSEMBLY',
      to: 'ASSEMBLY',
      label: { cs: 'Rada doporučila zastupitelstvu', en: 'Council referred to the assembly' },
      guards: [recorder, resolution],
      effects: ['COUNCIL_RESOLUTION'],
    },
    {
      from: ['COUNCIL'],
      event: 'REJECT',
      to: 'REJECTED',
      label: { cs: 'Rada zamítla', en: 'Council rejected' },
      guards: [recorder, resolution, { name: 'reasonRequired' }],
      effects: ['COUNCIL_RESOLUTION'],
    },
    {
      from: ['COUNCIL'],
      event: 'RETURN',
      to: councilReturnsTo,
      label: { cs: 'Rada vrátila', en: 'Council returned' },
      guards: [recorder, resolution, { name: 'reasonRequired' }],
      effects: ['COUNCIL_RESOLUTION'],
      returns: true,
    },
    {
      from: ['ASSEMBLY'],
      event: 'APPROVE',
      to: 'APPROVED',
      label: { cs: 'Zastupitelstvo schválilo', en: 'Assembly approved' },
      guards: [recorder, resolution],
      effects: ['ASSEMBLY_RESOLUTION'],
    },
    {
      from: ['ASSEMBLY'],
      event: 'REJECT',
      to: 'REJECTED',
      label: { cs: 'Zastupitelstvo zamítlo', en: 'Assembly rejected' },
      guards: [recorder, resolution, { name: 'reasonRequired' }],
      effects: ['ASSEMBLY_RESOLUTION'],
    },
  ];
}

/** The steering group's recommendation goes on to `next`. */
export function workingAndSteeringGroups(steeringNext: string): TransitionDefinition[] {
  const steeringDecider: GuardRef = { name: 'actorIs', params: { anyOf: [chairOf(BodyKind.STEERING_GROUP), COORDINATOR] } };
  return [
    {
      from: ['WORKING_GROUP'],
      event: 'RECOMMEND',
      to: 'STEERING_GROUP',
      label: { cs: 'Pracovní skupina doporučuje', en: 'Working group recommends' },
      guards: [
        { name: 'actorIs', params: { anyOf: [chairOf(BodyKind.WORKING_GROUP), COORDINATOR] } },
        { name: 'triadRepresented' },
        { name: 'noConflictOfInterest' },
      ],
    },
    {
      from: ['STEERING_GROUP'],
      event: 'RECOMMEND',
      to: steeringNext,
      label: { cs: 'Řídící skupina doporučuje', en: 'Steering group recommends' },
      guards: [steeringDecider],
    },
    {
      from: ['STEERING_GROUP'],
      event: 'RETURN',
      to: 'WORKING_GROUP',
      label: RETURN,
      guards: [steeringDecider, { name: 'reasonRequired' }],
      returns: true,
    },
    {
      from: ['STEERING_GROUP'],
      event: 'REJECT',
      to: 'REJECTED',
      label: { cs: 'Řídící skupina zamítá', en: 'Steering group rejects' },
      guards: [steeringDecider, { name: 'reasonRequired' }],
    },
  ];
}

const commissionChair: GuardRef = { name: 'actorIs', params: { anyOf: [chairOf(BodyKind.SOCIAL_COMMISSION)] } };

/** working group → steering group → social commission → council [→ assembly] (../shared/DESIGN.md §3). */
export const standardWorkflow: WorkflowDefinition = {
  key: 'standard',
  version: 1,
  name: { cs: 'Standardní schvalování', en: 'Standard approval' },
  initial: 'DRAFT',
  stages: STANDARD_STAGES,
  transitions: [
    ...DRAFTING_TRANSITIONS,
    ...workingAndSteeringGroups('SOCIAL_COMMISSION'),
    {
      from: ['SOCIAL_COMMISSION'],
      event: 'RECOMMEND',
      to: 'COUNCIL',
      label: { cs: 'Komise doporučuje radě', en: 'Commission recommends to the council' },
      guards: [commissionChair],
      effects: ['COMMISSION_RECOMMENDS'],
    },
    {
      from: ['SOCIAL_COMMISSION'],
      event: 'NOT_RECOMMEND',
      to: 'COUNCIL',
      label: { cs: 'Komise nedoporučuje', en: 'Commission does not recommend' },
      guards: [commissionChair, { name: 'reasonRequired' }],
      effects: ['COMMISSION_DOES_NOT_RECOMMEND'],
    },
    {
      from: ['SOCIAL_COMMISSION'],
      event: 'RETURN',
      to: 'STEERING_GROUP',
      label: RETURN,
      guards: [commissionChair, { name: 'reasonRequired' }],
      returns: true,
    },
    ...councilAndAssembly('SOCIAL_COMMISSION'),
  ],
};
