import type { EventArgs, EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';
import { Proposal } from '../entities/proposal.entity';
import { WorkflowEvent } from '../entities/workflow-event.entity';

type Transition = { workflow: string; event: string };

/**
 * Counts proposal transitions once they are committed: a history row (WorkflowEvent) written in a
 * transaction counts when that transaction commits and not at all when it rolls back; one written
 * by a flush of its own counts once the flush has committed.
 */
export class WorkflowTransitionsSubscriber implements EventSubscriber {
  private readonly inTransaction = new WeakMap<object, Transition[]>();
  private readonly inFlush = new WeakMap<object, Transition[]>();

  constructor(private readonly committed: (workflow: string, event: string) => void) {}

  beforeFlush(args: FlushEventArgs): void {
    this.inFlush.delete(args.em);
  }

  afterCreate(args: EventArgs<unknown>): void {
    if (!(args.entity instanceof WorkflowEvent)) return;
    const proposal = args.em.getUnitOfWork().getById<Proposal>(Proposal.name, args.entity.proposalId);
    const transition = { workflow: proposal?.workflowKey ?? 'unknown', event: args.entity.event };
    const trx = args.em.isInTransaction() ? args.em.getTransactionContext<object>() : undefined;
    const [pending, key] = trx ? [this.inTransaction, trx] : [this.inFlush, args.em as object];
    pending.set(key, [...(pending.get(key) ?? []), transition]);
  }

  afterFlush(args: FlushEventArgs): void {
    this.count(this.inFlush, args.em);
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    if (args.transaction) this.count(this.inTransaction, args.transaction as object);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    if (args.transaction) this.inTransaction.delete(args.transaction as object);
  }

  private count(pending: WeakMap<object, Transition[]>, key: object): void {
    for (const t of pending.get(key) ?? []) this.committed(t.workflow, t.event);
    pending.delete(key);
  }
}
