import { createHash } from 'node:crypto';
import { Material } from '../../src/entities/material.entity';
import { daysAhead } from '../support/factories';
import { aPipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('Podklady pro řídící skupinu\n'), Buffer.from('%%EOF\n')]);

async function steeringAgendaItem() {
  const world = await aPipelineWorld(app.em());
  const as = { as: world.actors.coordinator.subject };
  const m = await app.gql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    { input: { bodyId: world.steering.id, title: 'ŘS', startsAt: daysAhead(40, 9), place: 'Radnice' } },
    as,
  );
  const item = await app.gql<{ addAgendaItem: { agenda: Array<{ id: string }> } }>(
    `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { agenda { id } } }`,
    { input: { meetingId: m.data!.scheduleMeeting.id, title: 'Rozpočet' } },
    as,
  );
  return { world, meetingId: m.data!.scheduleMeeting.id, itemId: item.data!.addAgendaItem.agenda[0].id };
}

test('a document uploaded to an agenda item is versioned, hashed, and downloadable by those who see the meeting', async () => {
  const { world, meetingId, itemId } = await steeringAgendaItem();
  const base = app.url.replace(/\/graphql$/, '');
  const token = await app.token(world.actors.coordinator.subject);
  const upload = (body: Buffer, type: string, name = 'rozpočet 2027.pdf', auth = token) =>
    fetch(`${base}/materials?agendaItemId=${itemId}&name=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': type }, body });

  const first = await upload(PDF, 'application/pdf');
  expect(first.status).toBe(201);
  const created = ((await first.json()) as { data: { id: string; version: number; sha256: string } }).data;
  expect(created).toMatchObject({ version: 1, sha256: createHash('sha256').update(PDF).digest('hex') });
  const second = await upload(Buffer.concat([PDF, Buffer.from('v2')]), 'application/pdf', 'Rozpočet 2027.pdf');
  expect(((await second.json()) as { data: { version: number } }).data.version).toBe(2);

  const listed = await app.gql<{ meeting: { agenda: Array<{ materials: Array<{ name: string; version: number; downloadPath: string }> }> } }>(
    `query($id: ID!) { meeting(id: $id) { agenda { materials { name version downloadPath } } } }`,
    { id: meetingId },
    { as: world.actors.steeringChair.subject },
  );
  expect(listed.data!.meeting.agenda[0].materials.map((m) => m.version)).toEqual([1, 2]);

  const memberToken = await app.token(world.actors.steeringChair.subject);
  const download = await fetch(`${base}/materials/${created.id}`, { headers: { authorization: `Bearer ${memberToken}` } });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
  expect((await fetch(`${base}/materials/${created.id}`)).status).toBe(404);
  const outsider = await app.token(world.actors.outsider.subject);
  expect((await fetch(`${base}/materials/${created.id}`, { headers: { authorization: `Bearer ${outsider}` } })).status).toBe(404);
});

test('bad media types, content that is not what it claims, and oversized files are refused and write nothing', async () => {
  const { world, itemId } = await steeringAgendaItem();
  const base = app.url.replace(/\/graphql$/, '');
  const token = await app.token(world.actors.coordinator.subject);
  const post = (body: Buffer, type: string) =>
    fetch(`${base}/materials?agendaItemId=${itemId}&name=soubor`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  const before = await app.em().count(Material, {});
  const exe = await post(Buffer.from('MZ\x90\x00', 'latin1'), 'application/x-msdownload');
  expect(exe.status).toBe(400);
  expect(((await exe.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect((await post(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]), 'application/pdf')).status).toBe(400);
  expect((await post(Buffer.alloc(70 * 1024, 0x41), 'text/plain')).status).toBe(413);
  const anonymous = await fetch(`${base}/materials?agendaItemId=${itemId}&name=x`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
  expect(anonymous.status).toBe(401);
  const member = await app.token(world.actors.author.subject);
  expect((await fetch(`${base}/materials?agendaItemId=${itemId}&name=x`, { method: 'POST', headers: { authorization: `Bearer ${member}`, 'content-type': 'text/plain' }, body: 'x' })).status).toBe(404);
  expect(await app.em().count(Material, {})).toBe(before);
});

test('attachMaterial sends a small document to a proposal through GraphQL', async () => {
  const world = await aPipelineWorld(app.em());
  const created = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'T', summary: 'S' } },
    { as: world.actors.author.subject },
  );
  const proposalId = created.data!.createProposal.id;
  const ATTACH = `mutation($input: AttachMaterialInput!) { attachMaterial(input: $input) { name mediaType sizeBytes version uploadedBy { name } proposal { id } agendaItem { id } } }`;
  const text = 'Zdůvodnění návrhu\n';
  const ok = await app.gql(ATTACH, { input: { proposalId, name: 'zduvodneni.md', mediaType: 'text/markdown', contentBase64: Buffer.from(text).toString('base64') } }, { as: world.actors.author.subject });
  // The document names what it is attached to: the proposal, no agenda item.
  expect(ok.data).toEqual({
    attachMaterial: { name: 'zduvodneni.md', mediaType: 'text/markdown', sizeBytes: Buffer.byteLength(text), version: 1, uploadedBy: { name: 'author' }, proposal: { id: proposalId }, agendaItem: null },
  });
  expect(codes(await app.gql(ATTACH, { input: { proposalId, name: 'x.md', mediaType: 'text/markdown', contentBase64: 'not base64!' } }, { as: world.actors.author.subject }))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await app.gql(ATTACH, { input: { proposalId, name: 'x.md', mediaType: 'text/markdown', contentBase64: 'eA==' } }, { as: world.actors.provider.subject }))).toEqual(['FORBIDDEN']);
  const listed = await app.gql<{ proposal: { materials: Array<{ name: string }> } }>(`query($id: ID!) { proposal(id: $id) { materials { name } } }`, { id: proposalId }, { as: world.actors.coordinator.subject });
  expect(listed.data!.proposal.materials).toEqual([{ name: 'zduvodneni.md' }]);
});

test("attachMaterial to an agenda item returns the document naming its item, which the meeting's agenda lists it under", async () => {
  const { world, meetingId, itemId } = await steeringAgendaItem();
  const as = { as: world.actors.coordinator.subject };
  const res = await app.gql<{ attachMaterial: { version: number; agendaItem: { id: string; title: string } | null; proposal: unknown } }>(
    `mutation($input: AttachMaterialInput!) { attachMaterial(input: $input) { version agendaItem { id title } proposal { id } } }`,
    { input: { agendaItemId: itemId, name: 'rozpočet.md', mediaType: 'text/markdown', contentBase64: Buffer.from('Rozpočet\n').toString('base64') } },
    as,
  );
  expect(res.data).toEqual({ attachMaterial: { version: 1, agendaItem: { id: itemId, title: 'Rozpočet' }, proposal: null } });
  const listed = await app.gql<{ meeting: { agenda: Array<{ id: string; materials: Array<{ name: string }> }> } }>(`query($id: ID!) { meeting(id: $id) { agenda { id materials { name } } } }`, { id: meetingId }, as);
  expect(listed.data!.meeting.agenda).toEqual([{ id: itemId, materials: [{ name: 'rozpočet.md' }] }]);
});
