import { Entity, Enum, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { Body } from './body.entity';
import { CommissionRecommendation, DECIDED_PHASES, ProposalKind, ProposalPhase } from './enums';
import type { TransitionOutcome } from '../workflows/transition-outcome';
import { Organisation } from './organisation.entity';
import { Person } from './person.entity';

/**
 * A proposal moving through an approval workflow. Besides its content it holds the persisted XState
 * snapshot, which clients never see, and a version number for optimistic locking.
 */
@Entity({ tableName: 'proposal' })
export class Proposal extends AreaOwnedEntity {
  @ManyToOne(() => Body, { fieldName: 'working_group_id' })
  workingGroup!: Rel<Body>;

  @ManyToOne(() => Person, { fieldName: 'author_id' })
  author!: Rel<Person>;

  @Enum({ items: () => ProposalKind })
  kind!: ProposalKind;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  summary: string | null = null;

  @Property({ type: 'text', nullable: true })
  text: string | null = null;

  /** The organisation (usually a provider) the proposal concerns, for conflicts of interest. */
  @ManyToOne(() => Organisation, { fieldName: 'concerned_organisation_id', nullable: true })
  concernedOrganisation: Rel<Organisation> | null = null;

  /** The workflow stage; mirrors the snapshot's value in a plain indexed column. */
  @Property({ type: 'text' })
  state!: string;

  /** Where the proposal stands, as the stage's definition declares it; rules and queries ask this, never the stage's name. */
  @Enum({ items: () => ProposalPhase })
  phase!: ProposalPhase;

  /** When it entered a decided phase (approved, rejected, withdrawn). */
  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  /** The body handling the current stage (null in DRAFT and in final stages). */
  @ManyToOne(() => Body, { fieldName: 'current_body_id', nullable: true })
  currentBody: Rel<Body> | null = null;

  @Property({ type: 'text' })
  workflowKey!: string;

  @Property({ type: 'integer' })
  workflowVersion!: number;

  @Property({ type: 'json' })
  snapshot!: Record<string, unknown>;

  @Property({ type: 'integer' })
  version: Opt<number> = 1;

  @Enum({ items: () => CommissionRecommendation, nullable: true })
  commissionRecommendation: CommissionRecommendation | null = null;

  @Property({ type: 'text', nullable: true })
  councilResolution: string | null = null;

  @Property({ type: 'text', nullable: true })
  assemblyResolution: string | null = null;

  /** When the materials went to the working group (first SUBMIT). */
  @Property({ type: 'datetime', nullable: true })
  submittedAt: Date | null = null;

  /** Records a permitted transition: its stage, phase and snapshot, what it decided, and a new version. */
  record(outcome: TransitionOutcome, snapshot: Record<string, unknown>, at: Date, bodyRef: (id: string) => Body): void {
    if (outcome.submitted && !this.submittedAt) this.submittedAt = at;
    if (outcome.commissionRecommendation) this.commissionRecommendation = outcome.commissionRecommendation;
    if (outcome.councilResolution) this.councilResolution = outcome.councilResolution;
    if (outcome.assemblyResolution) this.assemblyResolution = outcome.assemblyResolution;
    this.state = outcome.toState;
    this.phase = outcome.phase;
    if (DECIDED_PHASES.includes(outcome.phase)) this.decidedAt = at;
    this.snapshot = snapshot;
    this.currentBody = outcome.nextBodyId ? bodyRef(outcome.nextBodyId) : null;
    this.version += 1;
  }
}
