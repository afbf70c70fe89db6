import type { ChangeSignal } from '../data/change-signals';

/** A subscriber's stream of signals; `return()` ends it (the pending `next()` then resolves done). */
export type SignalStream = AsyncIterableIterator<ChangeSignal>;

/**
 * One process's fan-out of change signals to its subscriptions. Each subscription keeps a queue of
 * at most `capacity` records it has not taken yet (a record changed again while it waits is queued
 * once): one that falls further behind is dropped (`onOverflow`, its stream ends), never buffered
 * without bound.
 */
export class ChangeHub {
  private readonly subscribers = new Set<Subscriber>();

  /** Subscriptions open now. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Hands a signal to every subscription that accepts it. */
  publish(signal: ChangeSignal): void {
    for (const s of this.subscribers) s.offer(signal);
  }

  /** A stream of the signals `accepts` takes, from now on. */
  subscribe(accepts: (signal: ChangeSignal) => boolean, capacity: number, onOverflow: () => void): SignalStream {
    const subscriber = new Subscriber(accepts, capacity, onOverflow, () => this.subscribers.delete(subscriber));
    this.subscribers.add(subscriber);
    return subscriber;
  }

  /** Ends every stream (the process is stopping). */
  close(): void {
    for (const s of [...this.subscribers]) void s.return();
  }
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

class Subscriber implements SignalStream {
  private readonly queue: ChangeSignal[] = [];
  private waiting: ((result: IteratorResult<ChangeSignal>) => void) | null = null;
  private ended = false;

  constructor(
    private readonly accepts: (signal: ChangeSignal) => boolean,
    private readonly capacity: number,
    private readonly onOverflow: () => void,
    private readonly detach: () => void,
  ) {}

  offer(signal: ChangeSignal): void {
    if (this.ended || !this.accepts(signal)) return;
    // One waiting about the same record is enough: it is read afresh when its turn comes.
    if (this.queue.some((q) => q.kind === signal.kind && q.id === signal.id)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ done: false, value: signal });
    } else if (this.queue.length >= this.capacity) {
      this.end();
      this.onOverflow();
    } else {
      this.queue.push(signal);
    }
  }

  next(): Promise<IteratorResult<ChangeSignal>> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve({ done: false, value: queued });
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<ChangeSignal>> {
    this.end();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): SignalStream {
    return this;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.detach();
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(DONE);
  }
}
