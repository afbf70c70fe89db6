import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaRoleKind, BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import type { Body } from '../../src/entities/body.entity';
import type { Person } from '../../src/entities/person.entity';
import { aBody, anArea, aPerson, aRole, aSeat } from './factories';
import { postGraphQL } from './test-app';

/** A role someone plays in the pipeline, with the subject to sign in as. */
export interface Actor {
  key: string;
  person: Person;
  subject: string;
}

/**
 * An area with the whole chain of bodies (working group → steering group → commission → council →
 * assembly, or without the commission) and one person for each role of the pipeline.
 */
export async function aPipelineWorld(em: EntityManager, workflowKey = 'standard') {
  const area = await anArea(em, { workflowKey });
  const withCommission = workflowKey !== 'novy-jicin';
  const assembly = await aBody(em, area, BodyKind.ASSEMBLY, { name: 'Zastupitelstvo' });
  const council = await aBody(em, area, BodyKind.COUNCIL, { name: 'Rada', reportsTo: assembly });
  const commission = withCommission ? await aBody(em, area, BodyKind.SOCIAL_COMMISSION, { name: 'Sociální komise', reportsTo: council }) : null;
  const steering = await aBody(em, area, BodyKind.STEERING_GROUP, { name: 'Řídící skupina', reportsTo: commission ?? council });
  const group = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'PS Senioři', reportsTo: steering });

  const actor = async (key: string, setup: (p: Person) => Promise<unknown>): Promise<Actor> => {
    const person = await aPerson(em, area, { name: key, subject: `${key}-${area.id.slice(0, 8)}` });
    await setup(person);
    return { key, person, subject: person.subject as string };
  };
  const seat = (body: Body, role: MembershipRole, side: TriadSide) => (p: Person) => aSeat(em, body, p, { role, triadSide: side });

  const actors = {
    coordinator: await actor('coordinator', (p) => aRole(em, p, AreaRoleKind.COORDINATOR)),
    clerk: await actor('clerk', (p) => aRole(em, p, AreaRoleKind.CLERK)),
    support: await actor('support', (p) => aRole(em, p, AreaRoleKind.SUPPORT)),
    author: await actor('author', seat(group, MembershipRole.MEMBER, TriadSide.SERVICE_USER)),
    groupChair: await actor('groupChair', seat(group, MembershipRole.CHAIR, TriadSide.COMMISSIONER)),
    provider: await actor('provider', seat(group, MembershipRole.MEMBER, TriadSide.PROVIDER)),
    steeringChair: await actor('steeringChair', seat(steering, MembershipRole.CHAIR, TriadSide.COMMISSIONER)),
    commissionChair: commission ? await actor('commissionChair', seat(commission, MembershipRole.CHAIR, TriadSide.COMMISSIONER)) : null,
    councillor: await actor('councillor', seat(council, MembershipRole.MEMBER, TriadSide.COMMISSIONER)),
    outsider: await actor('outsider', () => Promise.resolve()),
  };
  return { area, group, steering, commission, council, assembly, actors };
}

export type PipelineWorld = Awaited<ReturnType<typeof aPipelineWorld>>;

export function allActors(world: PipelineWorld): Actor[] {
  return Object.values(world.actors).filter((a): a is Actor => a !== null);
}

/**
 * A proposal created by the world's author through the API at `url` and submitted to the working
 * group: version 2, one history event. Returns its id.
 */
export async function aSubmittedProposal(url: string, world: PipelineWorld, title: string): Promise<string> {
  const author = { as: world.actors.author.subject };
  const created = await postGraphQL<{ createProposal: { id: string } }>(
    url,
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'Posílení terénní péče v menších obcích.' } },
    author,
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createProposal.id;
  const submitted = await postGraphQL(
    url,
    `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`,
    { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } },
    author,
  );
  expect(submitted.errors).toBeUndefined();
  return id;
}
