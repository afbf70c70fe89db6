import type { EntityManager } from '@mikro-orm/postgresql';
import type { Body } from '../entities/body.entity';
import { BodyKind, MembershipRole, type ProposalKind } from '../entities/enums';
import type { Membership } from '../entities/membership.entity';
import type { Organisation } from '../entities/organisation.entity';
import type { Person } from '../entities/person.entity';
import { Proposal } from '../entities/proposal.entity';
import { WorkflowEvent } from '../entities/workflow-event.entity';
import { eventHash } from '../workflows/history-hash';
import { bodyOfKind } from '../workflows/transition-facts';
import { stageOf, transitionOutcome } from '../workflows/transition-outcome';
import type { ActorRule } from '../workflows/workflow-definition';
import { FACTS_PASSING_EVERY_GUARD } from '../workflows/workflow-guards';
import type { WorkflowRegistry } from '../workflows/workflow-registry';

/** A demo proposal and the events that brought it where it is. */
export interface DemoProposalSpec {
  title: string;
  summary: string;
  kind: ProposalKind;
  /** Key of the working group in the area's body specs. */
  group: string;
  /** Subject of the author. */
  author: string;
  /** Name of the organisation the proposal concerns. */
  concernedOrganisation?: string;
  events: string[];
}

export interface DemoCast {
  /** By subject, or by name for people without one. */
  people: Map<string, Person>;
  roles: Map<string, string[]>;
  seats: Membership[];
  /** The area's organisations by name. */
  organisations: Map<string, Organisation>;
}


const DAY = 86_400_000;

/**
 * Writes demo proposals with histories as the service would have: each step is checked against
 * the area's compiled workflow, acted by a demo person the definition allows, and hash-chained.
 */
export async function createDemoProposals(
  tx: EntityManager,
  areaId: string,
  workflowKey: string,
  bodies: Map<string, Body>,
  cast: DemoCast,
  specs: DemoProposalSpec[],
  workflows: WorkflowRegistry,
): Promise<void> {
  const { definition, engine } = workflows.latest(workflowKey);
  const bodyById = new Map([...bodies.values()].map((b) => [b.id, b]));
  for (const [index, spec] of specs.entries()) {
    const group = bodies.get(spec.group);
    const author = cast.people.get(spec.author);
    if (!group || !author) throw new Error(`demo proposal "${spec.title}": unknown group or author`);
    const chain: Body[] = [];
    for (let b: Body | undefined = group; b; b = b.reportsTo ? bodyById.get(b.reportsTo.id) : undefined) chain.push(b);
    const origin = engine.start();
    const start = Date.UTC(2026, 0, 12 + index * 3, 9);
    const p = tx.create(Proposal, {
      areaId,
      workingGroup: group,
      author,
      kind: spec.kind,
      title: spec.title,
      summary: spec.summary,
      text: null,
      concernedOrganisation: spec.concernedOrganisation ? (cast.organisations.get(spec.concernedOrganisation) ?? null) : null,
      state: origin.state,
      phase: stageOf(definition, origin.state).phase,
      currentBody: null,
      workflowKey: definition.key,
      workflowVersion: definition.version,
      snapshot: origin.snapshot,
      createdAt: new Date(start),
      updatedAt: new Date(start),
    });
    // History rows refer to the proposal by a plain key, so the proposal is written first.
    await tx.flush();

    let prevHash: string | null = null;
    spec.events.forEach((event, step) => {
      const decision = engine.decide(p.snapshot, event, { ...FACTS_PASSING_EVERY_GUARD, proposalKind: spec.kind });
      if (!decision.allowed) throw new Error(`demo proposal "${spec.title}": ${event} is not possible in ${p.state}`);
      const t = decision.transition;
      const guard = t.guards.find((g) => g.name === 'actorIs');
      const rules: readonly ActorRule[] = guard && guard.name === 'actorIs' ? guard.params.anyOf : [];
      const acting = pickActor(rules, author, chain, cast);
      if (!acting) throw new Error(`demo proposal "${spec.title}": nobody may ${event}`);

      const needsReason = t.guards.some((g) => g.name === 'reasonRequired');
      const needsResolution = t.guards.some((g) => g.name === 'resolutionNumberRequired');
      const fromKind = definition.stages.find((s) => s.key === p.state)?.bodyKind;
      const resolutionNumber = needsResolution ? `${fromKind === BodyKind.ASSEMBLY ? 'ZM' : 'RM'}/${40 + index}/${step + 1}/2026` : null;
      const outcome = transitionOutcome(definition, t, decision.from, chain, resolutionNumber);
      const occurredAt = new Date(start + (step + 1) * 7 * DAY);
      const hashed = {
        proposalId: p.id,
        seq: step + 1,
        event,
        fromState: p.state,
        toState: t.to,
        actorId: acting.person.id,
        actorRole: acting.role,
        actorTriadSide: acting.side,
        bodyId: outcome.decidingBodyId,
        meetingId: null,
        reason: needsReason ? 'Doplnit finanční rozvahu a vyjádření poskytovatelů. / Add the budget and the providers\u2019 statements.' : null,
        resolutionNumber,
        occurredAt,
      };
      const hash = eventHash(prevHash, hashed);
      tx.create(WorkflowEvent, { ...hashed, areaId, idempotencyKey: null, requestHash: null, prevHash, hash });
      prevHash = hash;
      p.record(outcome, decision.snapshot, occurredAt, (id) => bodyById.get(id) as Body);
      p.updatedAt = occurredAt;
    });
  }
}

function pickActor(
  rules: readonly ActorRule[],
  author: Person,
  chain: Body[],
  cast: DemoCast,
): { person: Person; role: string; side: string | null } | null {
  for (const rule of rules) {
    if (rule.kind === 'AUTHOR') {
      const seat = cast.seats.find((m) => m.person === author && m.body === chain[0]);
      return { person: author, role: 'AUTHOR', side: seat?.triadSide ?? null };
    }
    if (rule.kind === 'CHAIR_OF') {
      const body = bodyOfKind(chain, rule.bodyKind);
      const seat = body ? cast.seats.find((m) => m.body === body && m.role === MembershipRole.CHAIR) : undefined;
      if (seat) return { person: seat.person, role: MembershipRole.CHAIR, side: seat.triadSide };
    }
    if (rule.kind === 'AREA_ROLE') {
      const holder = [...cast.roles].find(([, roles]) => roles.includes(rule.role))?.[0];
      const person = holder ? cast.people.get(holder) : undefined;
      if (person) return { person, role: rule.role, side: null };
    }
  }
  return null;
}
