import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaRoleKind, BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { aBody, aGlobalAdmin, anArea, aPerson, aRole, aSeat } from './factories';

/**
 * An area organised as seed 002 (Nový Jičín) has it — a discussion forum, the steering group, the
 * council and the assembly, no commission — with its admin, coordinator, clerk, the forum's author
 * and chair, the steering group's chair; another area with an admin of its own; a global admin.
 * And the workflow such an area drafts for itself, in the API's input shape.
 */
export async function aWorkflowWorld(em: EntityManager, names: { area: string; other: string }) {
  const area = await anArea(em, { name: names.area });
  const other = await anArea(em, { name: names.other });
  const assembly = await aBody(em, area, BodyKind.ASSEMBLY, { name: 'Zastupitelstvo města' });
  const council = await aBody(em, area, BodyKind.COUNCIL, { name: 'Rada města', reportsTo: assembly });
  const steering = await aBody(em, area, BodyKind.STEERING_GROUP, { name: 'Řídící skupina', reportsTo: council });
  const forum = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'Diskusní fórum Senioři', reportsTo: steering });
  const person = async (name: string) => aPerson(em, area, { name, subject: `${name}-${area.id.slice(0, 8)}` });
  const admin = await person('admin');
  await aRole(em, admin, AreaRoleKind.ADMIN);
  const coordinator = await person('coordinator');
  await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
  const clerk = await person('clerk');
  await aRole(em, clerk, AreaRoleKind.CLERK);
  const author = await person('author');
  await aSeat(em, forum, author, { role: MembershipRole.MEMBER, triadSide: TriadSide.SERVICE_USER });
  const forumChair = await person('forumChair');
  await aSeat(em, forum, forumChair, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER });
  const steeringChair = await person('steeringChair');
  await aSeat(em, steering, steeringChair, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER });
  const otherAdmin = await aPerson(em, other, { name: 'otherAdmin', subject: `other-admin-${other.id.slice(0, 8)}` });
  await aRole(em, otherAdmin, AreaRoleKind.ADMIN);
  const globalAdmin = await aGlobalAdmin(em);
  const as = (p: { subject: string | null }) => ({ as: p.subject as string });
  return {
    area,
    other,
    bodies: { assembly, council, steering, forum },
    admin: as(admin),
    coordinator: as(coordinator),
    clerk: as(clerk),
    author: as(author),
    forumChair: as(forumChair),
    steeringChair: as(steeringChair),
    otherAdmin: as(otherAdmin),
    globalAdmin: { as: globalAdmin },
  };
}

export type WorkflowWorld = Awaited<ReturnType<typeof aWorkflowWorld>>;

export const actor = (kind: string, extra: Record<string, string> = {}) => ({ kind, ...extra });
export const role = (r: string) => actor('AREA_ROLE', { role: r });
export const chairOf = (bodyKind: string) => actor('CHAIR_OF', { bodyKind });
export const who = (...anyOf: object[]) => ({ name: 'actorIs', params: { anyOf } });
export const label = (cs: string, en: string) => ({ labelCs: cs, labelEn: en });
export const stage = (key: string, cs: string, en: string, phase: string, bodyKind?: string) => ({ key, ...label(cs, en), phase, ...(bodyKind ? { bodyKind } : {}) });
export const RESOLUTION = { name: 'resolutionNumberRequired' };

/** Discussion forum → steering group → council → assembly; a material goes from the forum straight to the council. */
export function forumWorkflow(steeringKey = 'STEERING', steeringLabel = 'Řídící skupina') {
  return {
    nameCs: 'Nový Jičín: diskusní fóra',
    nameEn: 'Nový Jičín: discussion forums',
    initial: 'DRAFT',
    stages: [
      stage('DRAFT', 'Návrh', 'Draft', 'DRAFT'),
      stage('FORUM', 'Diskusní fórum', 'Discussion forum', 'IN_REVIEW', 'WORKING_GROUP'),
      stage(steeringKey, steeringLabel, 'Steering group', 'IN_REVIEW', 'STEERING_GROUP'),
      stage('COUNCIL', 'Rada města', 'Town council', 'IN_REVIEW', 'COUNCIL'),
      stage('ASSEMBLY', 'Zastupitelstvo města', 'Town assembly', 'IN_REVIEW', 'ASSEMBLY'),
      stage('APPROVED', 'Schváleno', 'Approved', 'APPROVED'),
      stage('REJECTED', 'Zamítnuto', 'Rejected', 'REJECTED'),
    ],
    transitions: [
      { event: 'SUBMIT', from: ['DRAFT'], to: 'FORUM', ...label('Předložit fóru', 'Submit to the forum'), guards: [who(actor('AUTHOR'), role('COORDINATOR')), { name: 'hasTitleAndSummary' }], effects: ['SUBMITTED'] },
      {
        event: 'RECOMMEND',
        from: ['FORUM'],
        to: steeringKey,
        ...label('Fórum doporučuje', 'The forum recommends'),
        guards: [who(chairOf('WORKING_GROUP'), role('COORDINATOR')), { name: 'kindIsNot', params: { kinds: ['MATERIAL'] } }],
      },
      {
        event: 'TO_COUNCIL',
        from: ['FORUM'],
        to: 'COUNCIL',
        ...label('Podklad rovnou radě', 'Material straight to the council'),
        guards: [who(role('COORDINATOR')), { name: 'kindIs', params: { kinds: ['MATERIAL'] } }],
      },
      { event: 'RECOMMEND', from: [steeringKey], to: 'COUNCIL', ...label('Řídící skupina doporučuje', 'The steering group recommends'), guards: [who(chairOf('STEERING_GROUP'))] },
      {
        event: 'APPROVE',
        from: ['COUNCIL'],
        to: 'APPROVED',
        ...label('Rada schválila', 'Council approved'),
        guards: [who(role('CLERK')), RESOLUTION, { name: 'kindIsNot', params: { kinds: ['PLAN'] } }],
        effects: ['COUNCIL_RESOLUTION'],
      },
      { event: 'REFER', from: ['COUNCIL'], to: 'ASSEMBLY', ...label('Rada postupuje zastupitelstvu', 'Council refers to the assembly'), guards: [who(role('CLERK')), RESOLUTION], effects: ['COUNCIL_RESOLUTION'] },
      {
        event: 'REJECT',
        from: ['COUNCIL'],
        to: 'REJECTED',
        ...label('Rada zamítla', 'Council rejected'),
        guards: [who(role('CLERK')), RESOLUTION, { name: 'reasonRequired' }],
        effects: ['COUNCIL_RESOLUTION'],
      },
      { event: 'APPROVE', from: ['ASSEMBLY'], to: 'APPROVED', ...label('Zastupitelstvo schválilo', 'Assembly approved'), guards: [who(role('CLERK')), RESOLUTION], effects: ['ASSEMBLY_RESOLUTION'] },
      {
        event: 'REJECT',
        from: ['ASSEMBLY'],
        to: 'REJECTED',
        ...label('Zastupitelstvo zamítlo', 'Assembly rejected'),
        guards: [who(role('CLERK')), RESOLUTION, { name: 'reasonRequired' }],
        effects: ['ASSEMBLY_RESOLUTION'],
      },
    ],
  };
}
