import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { authorize } from '../auth/authority';
import { inArea } from '../auth/resources';
import { Body } from '../entities/body.entity';
import { DECIDED_PHASES } from '../entities/enums';
import type { Person } from '../entities/person.entity';
import { Proposal } from '../entities/proposal.entity';
import { AppError, badInput, ErrorCode, requireId } from '../errors/app-errors';
import { localize, type Text } from '../i18n/locale';
import type { CompiledWorkflow } from '../workflows/workflow-registry';
import type { WorkflowCatalogueService, WorkflowRef } from './workflow-catalogue.service';
import type { ProposalService } from './proposal.service';

export interface MigrateProposalsCommand {
  areaId: string;
  from: WorkflowRef;
  to: WorkflowRef;
  /** Where each stage of `from` goes in `to`; a stage not named goes to the stage of the same key, if `to` has one. */
  stateMap: ReadonlyArray<{ from: string; to: string }>;
  /** Only these proposals (every one of the area's still in flight on `from` when absent). */
  proposalIds?: readonly string[] | null;
  /** Why, recorded in each history. */
  reason: string;
  /** Only list what would move; write nothing. */
  dryRun: boolean;
}

/** What happens to one proposal: the stage it goes to, or why it cannot move. */
export interface ProposalMove {
  proposalId: string;
  proposal: Proposal | null;
  fromState: string | null;
  toState: string | null;
  refusal: { code: MoveRefusal; text: Text } | null;
}

export type MoveRefusal = 'NO_COUNTERPART' | 'PHASE_DIFFERS' | 'NO_BODY_IN_AREA' | 'DECIDED' | 'NOT_ON_VERSION';

export interface MigrationReport {
  dryRun: boolean;
  moves: ProposalMove[];
}

const field = (name: string, text: Text) => ({ field: name, text });

/**
 * Moves proposals in flight from one published workflow version to another, on purpose: the area's
 * admin names the versions and where each stage goes, looks at a dry run, then applies it. Every
 * proposal either moves (an event in its history says who, why, from which version) or the whole
 * migration is refused with each proposal's reason; decided proposals stay on the version they
 * were decided under (unless named, they are not even considered).
 */
export class WorkflowMigrationService {
  constructor(
    private readonly workflows: WorkflowCatalogueService,
    private readonly proposals: ProposalService,
  ) {}

  private async version(ctx: RequestContext, areaId: string, ref: WorkflowRef, name: 'from' | 'to'): Promise<CompiledWorkflow> {
    const found = await this.workflows.find(ctx, ref);
    if (!found || (found.areaId !== null && found.areaId !== areaId)) {
      throw badInput(ctx.locale, [field(name, { cs: `Verze ${ref.key}@${ref.version} není zveřejněna pro tuto oblast.`, en: `Version ${ref.key}@${ref.version} is not published for this area.` })]);
    }
    return found;
  }

  async migrate(ctx: RequestContext, cmd: MigrateProposalsCommand): Promise<MigrationReport> {
    requireId(ctx.locale, 'areaId', cmd.areaId);
    for (const id of cmd.proposalIds ?? []) requireId(ctx.locale, 'proposalIds', id);
    authorize(ctx, 'workflow.migrateProposals', inArea(cmd.areaId), 'Area', cmd.areaId);
    const actor = ctx.viewer.personIn(cmd.areaId) as Person;
    const reason = cmd.reason.trim();
    if (!reason) throw badInput(ctx.locale, [field('reason', { cs: 'Uveďte důvod převodu.', en: 'Give the reason for the move.' })]);
    const from = await this.version(ctx, cmd.areaId, cmd.from, 'from');
    const to = await this.version(ctx, cmd.areaId, cmd.to, 'to');
    if (from === to) throw badInput(ctx.locale, [field('to', { cs: 'Cílová verze je táž jako výchozí.', en: 'The target version is the one the proposals run on.' })]);
    const map = new Map<string, string>();
    cmd.stateMap.forEach((m, i) => {
      if (!from.definition.stages.some((s) => s.key === m.from)) throw badInput(ctx.locale, [field(`stateMap[${i}].from`, { cs: `Verze ${from.definition.key}@${from.definition.version} nemá fázi ${m.from}.`, en: `Version ${from.definition.key}@${from.definition.version} has no stage ${m.from}.` })]);
      if (!to.definition.stages.some((s) => s.key === m.to)) throw badInput(ctx.locale, [field(`stateMap[${i}].to`, { cs: `Verze ${to.definition.key}@${to.definition.version} nemá fázi ${m.to}.`, en: `Version ${to.definition.key}@${to.definition.version} has no stage ${m.to}.` })]);
      if (map.has(m.from)) throw badInput(ctx.locale, [field(`stateMap[${i}].from`, { cs: `Fáze ${m.from} je uvedena dvakrát.`, en: `Stage ${m.from} is mapped twice.` })]);
      map.set(m.from, m.to);
    });

    // The kinds of body the area has: a proposal never moves into a stage nobody of the area handles.
    const bodyKinds = new Set((await ctx.em.find(Body, { areaId: cmd.areaId }, { fields: ['kind'] })).map((b) => b.kind));
    const judge = (p: Proposal): ProposalMove => {
      const move = { proposalId: p.id, proposal: p, fromState: p.state };
      if (DECIDED_PHASES.includes(p.phase)) {
        return { ...move, toState: null, refusal: { code: 'DECIDED', text: { cs: 'Rozhodnutý návrh zůstává na verzi, podle níž byl rozhodnut.', en: 'A decided proposal stays on the version it was decided under.' } } };
      }
      const target = map.get(p.state) ?? (to.definition.stages.some((s) => s.key === p.state) ? p.state : null);
      if (!target) {
        return { ...move, toState: null, refusal: { code: 'NO_COUNTERPART', text: { cs: `Fáze ${p.state} nemá v cílové verzi protějšek; doplňte ji do převodní tabulky.`, en: `Stage ${p.state} has no counterpart in the target version; add it to the state map.` } } };
      }
      const phase = to.definition.stages.find((s) => s.key === target)?.phase;
      if (phase !== p.phase) {
        return { ...move, toState: target, refusal: { code: 'PHASE_DIFFERS', text: { cs: `Fáze ${target} je v jiném stavu řízení (${phase}) než ${p.state} (${p.phase}).`, en: `Stage ${target} stands in another phase (${phase}) than ${p.state} (${p.phase}).` } } };
      }
      const kind = to.definition.stages.find((s) => s.key === target)?.bodyKind;
      if (kind && !bodyKinds.has(kind)) {
        return { ...move, toState: target, refusal: { code: 'NO_BODY_IN_AREA', text: { cs: `Fázi ${target} projednává orgán druhu ${kind}, který oblast nemá.`, en: `Stage ${target} is handled by a body of kind ${kind}, which the area does not have.` } } };
      }
      return { ...move, toState: target, refusal: null };
    };

    const run = async (em: RequestContext['em']): Promise<MigrationReport> => {
      const found = await em.find(
        Proposal,
        {
          areaId: cmd.areaId,
          workflowKey: from.definition.key,
          workflowVersion: from.definition.version,
          // Named ones are judged (a decided one is refused); otherwise every proposal still in flight.
          ...(cmd.proposalIds ? { id: { $in: [...cmd.proposalIds] } } : { phase: { $nin: DECIDED_PHASES } }),
        },
        { orderBy: { createdAt: 'asc', id: 'asc' }, ...(cmd.dryRun ? {} : { lockMode: LockMode.PESSIMISTIC_WRITE }), refresh: true },
      );
      const moves = found.map(judge);
      for (const id of cmd.proposalIds ?? []) {
        if (!found.some((p) => p.id === id)) {
          moves.push({ proposalId: id, proposal: null, fromState: null, toState: null, refusal: { code: 'NOT_ON_VERSION', text: { cs: 'Návrh v této oblasti na výchozí verzi neběží.', en: 'No proposal of this area runs on the version named.' } } });
        }
      }
      if (cmd.dryRun) return { dryRun: true, moves };
      const refused = moves.filter((m) => m.refusal);
      if (refused.length > 0) {
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          localize({ cs: `Převod odmítnut: ${refused.length} návrhů nelze převést (viz zkušební převod).`, en: `Migration refused: ${refused.length} proposal(s) cannot move (see the dry run).` }, ctx.locale),
          {
            fields: refused.map((m) => ({ field: 'proposalIds', message: `${m.proposalId}: ${localize(m.refusal!.text, ctx.locale)}` })),
            refusals: refused.map((m) => ({ proposalId: m.proposalId, code: m.refusal!.code })),
          },
        );
      }
      for (const m of moves) await this.proposals.moveToVersion(em, ctx, m.proposal!, to, m.toState!, actor.id, reason);
      return { dryRun: false, moves };
    };
    return cmd.dryRun ? run(ctx.em) : ctx.em.transactional(run);
  }
}
