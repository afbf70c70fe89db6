import { createHash } from 'node:crypto';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { aPipelineWorld } from '../support/pipeline-world';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The history is a legal record (../shared/DESIGN.md §3): every column of a workflow event says
 * something of what happened, so a change to any of them made behind the service's back (the owner
 * switching the append-only trigger off) is found by `verifyHistory`. The columns are read off the
 * entity, not off the hash: a new column is covered, or named below with the reason it is not.
 */

/** Columns of `workflow_event` that are not part of the record, and why. */
const NOT_RECORDED: Record<string, string> = {
  areaId: "the proposal's area, a key of the row (changing it breaks the reference to the proposal)",
  idempotencyKey: 'replay protection of the request that wrote the event',
  requestHash: 'replay protection of the request that wrote the event',
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`;
const VERIFY = `query($id: ID!) { verifyHistory(proposalId: $id) { valid checkedEvents firstBrokenSeq } }`;

test('a change to any recorded column of an event is found by verifyHistory; undone, the history verifies again', async () => {
  const world = await aPipelineWorld(app.em());
  const { author, groupChair, coordinator, provider } = world.actors;
  const create = (title: string) =>
    app.gql<{ createProposal: { id: string } }>(
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
      { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'Zřídit sociální šatník.' } },
      { as: author.subject },
    );
  const id = (await create('Sociální šatník')).data!.createProposal.id;
  // Another proposal, with no history yet: an event moved there must not pass for its own.
  const empty = (await create('Prázdná historie')).data!.createProposal.id;
  const steps = [
    { event: 'SUBMIT', as: author },
    { event: 'RETURN', as: groupChair, reason: 'Doplnit rozpočet.' },
    { event: 'SUBMIT', as: author },
  ];
  for (const [i, step] of steps.entries()) {
    const res = await app.gql(TRANSITION, { input: { proposalId: id, event: step.event, expectedVersion: i + 1, reason: step.reason } }, { as: step.as.subject });
    expect(res.errors).toBeUndefined();
  }
  const verify = async (proposalId: string) =>
    (await app.gql<{ verifyHistory: { valid: boolean; checkedEvents: number; firstBrokenSeq: number | null } }>(VERIFY, { id: proposalId }, { as: coordinator.subject })).data?.verifyHistory;
  expect(await verify(id)).toEqual({ valid: true, checkedEvents: 3, firstBrokenSeq: null });

  const meta = app.orm.getMetadata().get(WorkflowEvent.name);
  const columns = Object.values(meta.properties).filter((p) => !(p.name in NOT_RECORDED));
  expect(columns.length).toBeGreaterThan(10);
  const conn = app.em().getConnection();
  const problems: string[] = [];
  await conn.execute(`alter table workflow_event disable trigger workflow_event_no_update`);
  try {
    for (const prop of columns) {
      const column = prop.fieldNames[0];
      // The middle event: the chair's return, with a role, a side, a body and a reason.
      let undo: () => Promise<unknown>;
      let expected: { id: string; firstBrokenSeq: number };
      if (prop.name === 'proposalId') {
        // The first event moved to a proposal with no history of its own.
        await conn.execute(`update workflow_event set proposal_id = ? where proposal_id = ? and seq = 1`, [empty, id]);
        undo = () => conn.execute(`update workflow_event set proposal_id = ? where proposal_id = ? and seq = 1`, [id, empty]);
        expected = { id: empty, firstBrokenSeq: 1 };
      } else if (prop.name === 'seq') {
        await conn.execute(`update workflow_event set seq = 5 where proposal_id = ? and seq = 2`, [id]);
        undo = () => conn.execute(`update workflow_event set seq = 2 where proposal_id = ? and seq = 5`, [id]);
        // The first event out of its place.
        expected = { id, firstBrokenSeq: 3 };
      } else {
        const [{ original }] = await conn.execute<Array<{ original: string | null }>>(`select ${column}::text as original from workflow_event where proposal_id = ? and seq = 2`, [id]);
        const change: Record<string, [string, unknown[]]> = {
          uuid: [`${column} = ?`, [provider.person.id]],
          text: [`${column} = coalesce(${column}, '') || 'x'`, []],
          datetime: [`${column} = ${column} + interval '1 second'`, []],
        };
        const [set, params] = change[prop.type] ?? [`${column} = ${column}`, []];
        await conn.execute(`update workflow_event set ${set} where proposal_id = ? and seq = 2`, [...params, id]);
        undo = () => conn.execute(`update workflow_event set ${column} = ? where proposal_id = ? and seq = 2`, [original, id]);
        expected = { id, firstBrokenSeq: 2 };
      }
      const tampered = await verify(expected.id);
      if (tampered?.valid !== false || tampered.firstBrokenSeq !== expected.firstBrokenSeq) problems.push(`${prop.name} (${prop.type}) changed: ${JSON.stringify(tampered)}`);
      await undo();
      const restored = await verify(id);
      if (!restored?.valid) problems.push(`${prop.name} undone: ${JSON.stringify(restored)}`);
    }
  } finally {
    await conn.execute(`alter table workflow_event enable trigger workflow_event_no_update`);
  }
  expect(problems).toEqual([]);
});

test('histories written before keep verifying: the hash is SHA-256 of the previous hash, a newline and the event as a JSON array in a fixed order', async () => {
  // Computed here from the documented format, not by the service: a change of format would leave
  // every stored history broken.
  const world = await aPipelineWorld(app.em());
  const { author, groupChair, coordinator } = world.actors;
  const created = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Stará historie', summary: 'Zapsáno dřívější verzí.' } },
    { as: author.subject },
  );
  const id = created.data!.createProposal.id;
  const sha = (prev: string | null, fields: unknown[]) => createHash('sha256').update(`${prev ?? ''}\n${JSON.stringify(fields)}`).digest('hex');
  const first = { at: '2026-03-02T08:00:00.000Z', fields: [id, 1, 'SUBMIT', 'DRAFT', 'WORKING_GROUP', author.person.id, 'AUTHOR', 'SERVICE_USER', world.group.id, null, null, null] };
  // Acting for the chair: who the delegate acted for comes last, and only when there is someone.
  const second = { at: '2026-03-09T15:30:00.000Z', fields: [id, 2, 'RETURN', 'WORKING_GROUP', 'DRAFT', coordinator.person.id, 'CHAIR', null, world.group.id, null, 'Doplnit.', null] };
  const h1 = sha(null, [...first.fields, first.at]);
  const h2 = sha(h1, [...second.fields, second.at, groupChair.person.id]);
  const insert = `insert into workflow_event (area_id, proposal_id, seq, event, from_state, to_state, actor_id, actor_role, actor_triad_side, body_id, meeting_id, reason, resolution_number, occurred_at, on_behalf_of_id, prev_hash, hash)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const conn = app.em().getConnection();
  await conn.execute(insert, [world.area.id, ...first.fields, first.at, null, null, h1]);
  await conn.execute(insert, [world.area.id, ...second.fields, second.at, groupChair.person.id, h1, h2]);
  const res = await app.gql(VERIFY, { id }, { as: coordinator.subject });
  expect(res.data).toEqual({ verifyHistory: { valid: true, checkedEvents: 2, firstBrokenSeq: null } });
});
