import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommissionRecommendation, ProposalKind, ProposalPhase } from '../entities/enums';

/**
 * A proposal and its author as one row of a compiled read (src/reads): the columns the answer is
 * built from, with no entity hydrated. Timestamps are parsed as the ORM parses them.
 */
export interface ProposalReadRow {
  id: string;
  areaId: string;
  kind: ProposalKind;
  title: string;
  summary: string | null;
  text: string | null;
  state: string;
  phase: ProposalPhase;
  decidedAt: Date | null;
  version: number;
  workflowKey: string;
  workflowVersion: number;
  commissionRecommendation: CommissionRecommendation | null;
  councilResolution: string | null;
  assemblyResolution: string | null;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  authorId: string;
  workingGroupId: string;
  currentBodyId: string | null;
  concernedOrganisationId: string | null;
  author: { id: string; areaId: string; name: string; email: string | null; phone: string | null; subject: string | null; organisationId: string | null; erasedAt: Date | null };
}

/** Which proposals a compiled page reads: the area, the stage, who may see them (a SQL condition over `p`), the order and the keyset. */
export interface ProposalPageQuery {
  areaId: string;
  state: string | null;
  visible: { sql: string; params: unknown[] };
  column: 'created_at' | 'updated_at';
  order: 'asc' | 'desc';
  /** Rows beyond this [time, id] in the reading order, or from the start. */
  after: readonly [Date, string] | null;
  limit: number;
}

const COLUMNS = `p.id, p.area_id, p.kind, p.title, p.summary, p.text, p.state, p.phase, p.decided_at, p.version, p.workflow_key,
  p.workflow_version, p.commission_recommendation, p.council_resolution, p.assembly_resolution, p.submitted_at, p.created_at,
  p.updated_at, p.author_id, p.working_group_id, p.current_body_id, p.concerned_organisation_id,
  a.name as author_name, a.email as author_email, a.phone as author_phone, a.subject as author_subject,
  a.organisation_id as author_organisation_id, a.erased_at as author_erased_at`;

type Raw = Record<string, unknown>;

function toRow(em: EntityManager, r: Raw): ProposalReadRow {
  const platform = em.getPlatform();
  const date = (v: unknown): Date => platform.parseDate(v as string);
  const dateOrNull = (v: unknown): Date | null => (v === null ? null : date(v));
  return {
    id: r.id as string,
    areaId: r.area_id as string,
    kind: r.kind as ProposalKind,
    title: r.title as string,
    summary: r.summary as string | null,
    text: r.text as string | null,
    state: r.state as string,
    phase: r.phase as ProposalPhase,
    decidedAt: dateOrNull(r.decided_at),
    version: r.version as number,
    workflowKey: r.workflow_key as string,
    workflowVersion: r.workflow_version as number,
    commissionRecommendation: r.commission_recommendation as CommissionRecommendation | null,
    councilResolution: r.council_resolution as string | null,
    assemblyResolution: r.assembly_resolution as string | null,
    submittedAt: dateOrNull(r.submitted_at),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    authorId: r.author_id as string,
    workingGroupId: r.working_group_id as string,
    currentBodyId: r.current_body_id as string | null,
    concernedOrganisationId: r.concerned_organisation_id as string | null,
    author: {
      id: r.author_id as string,
      areaId: r.area_id as string,
      name: r.author_name as string,
      email: r.author_email as string | null,
      phone: r.author_phone as string | null,
      subject: r.author_subject as string | null,
      organisationId: r.author_organisation_id as string | null,
      erasedAt: dateOrNull(r.author_erased_at),
    },
  };
}

/** A page of an area's proposals the viewer may see, with their authors: one statement, `limit` rows at most. */
export async function proposalPageRows(em: EntityManager, q: ProposalPageQuery): Promise<ProposalReadRow[]> {
  const where = ['p.area_id = ?'];
  const params: unknown[] = [q.areaId];
  if (q.state !== null) {
    where.push('p.state = ?');
    params.push(q.state);
  }
  if (q.after !== null) {
    const beyond = q.order === 'asc' ? '>' : '<';
    where.push(`(p.${q.column} ${beyond} ? or (p.${q.column} = ? and p.id ${beyond} ?))`);
    params.push(q.after[0], q.after[0], q.after[1]);
  }
  where.push(q.visible.sql);
  params.push(...q.visible.params);
  // A page size is a small integer (checked by the caller), written as it is: the statement shows how many rows it reads.
  if (!Number.isInteger(q.limit) || q.limit < 1) throw new Error(`not a page size: ${q.limit}`);
  const rows = await em.execute<Raw[]>(
    `select ${COLUMNS} from proposal p join person a on a.area_id = p.area_id and a.id = p.author_id
      where ${where.join(' and ')} order by p.${q.column} ${q.order}, p.id ${q.order} limit ${q.limit}`,
    params,
  );
  return rows.map((r) => toRow(em, r));
}

/** One proposal of the area with its author, if the viewer may see it (`visible` over `p`); null otherwise. */
export async function proposalRow(em: EntityManager, id: string, visible: { sql: string; params: unknown[] }): Promise<ProposalReadRow | null> {
  const rows = await em.execute<Raw[]>(
    `select ${COLUMNS} from proposal p join person a on a.area_id = p.area_id and a.id = p.author_id where p.id = ? and ${visible.sql}`,
    [id, ...visible.params],
  );
  return rows.length === 1 ? toRow(em, rows[0]) : null;
}

/** How many of an area's proposals (in a stage) the viewer may see. */
export async function proposalCount(em: EntityManager, areaId: string, state: string | null, visible: { sql: string; params: unknown[] }): Promise<number> {
  const [row] = await em.execute<Array<{ count: number }>>(
    `select count(*)::int as count from proposal p where p.area_id = ? ${state === null ? '' : 'and p.state = ?'} and ${visible.sql}`,
    [areaId, ...(state === null ? [] : [state]), ...visible.params],
  );
  return row.count;
}
