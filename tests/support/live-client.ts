import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from './polling';

/** What a subscription received: each `next` payload, and the errors it ended with. */
export interface LiveSubscription<T> {
  events: Array<{ data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;
  errors: unknown[];
  completed: boolean;
  /** Resolves once `count` events have arrived (fails after the timeout). */
  received(count: number, timeoutMs?: number): Promise<LiveSubscription<T>['events']>;
  /** The error codes the subscription was refused with: as its only event, or as the protocol's error message. */
  refusal(timeoutMs?: number): Promise<{ codes: string[]; messages: string[] }>;
}

/** A real graphql-ws client on one WebSocket, as a browser's would be. */
export interface LiveClient {
  client: Client;
  /** How the socket was closed, once it was. */
  closed: Promise<{ code: number; reason: string }>;
  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): LiveSubscription<T>;
  dispose(): Promise<void>;
}

/** The WebSocket address of a service's GraphQL endpoint (http://…/graphql → ws://…/graphql). */
export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/**
 * Connects to `httpUrl`'s WebSocket endpoint with `token` in the connection's `connectionParams`
 * (none: the public). It does not retry: a refused or closed connection stays closed.
 */
export function liveClient(httpUrl: string, token?: string, params?: Record<string, unknown>): LiveClient {
  let closedWith: (c: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: params ?? (token ? { Authorization: `Bearer ${token}` } : {}),
    on: { closed: (event) => closedWith({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
    onNonLazyError: () => undefined,
  });
  return {
    client,
    closed,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
      const sub: LiveSubscription<T> = {
        events: [],
        errors: [],
        completed: false,
        async received(count, timeoutMs = 10_000) {
          await waitFor(`${count} event(s) of ${query.slice(0, 60)}`, () => Promise.resolve(sub.events.length >= count || sub.errors.length > 0), timeoutMs, 10);
          if (sub.events.length < count) throw new Error(`the subscription failed: ${JSON.stringify(sub.errors)}`);
          return sub.events;
        },
        async refusal(timeoutMs = 10_000) {
          await waitFor(`the refusal of ${query.slice(0, 60)}`, () => Promise.resolve(sub.errors.length > 0 || sub.events.length > 0), timeoutMs, 10);
          const errors = (sub.errors.length > 0 ? (sub.errors.flat() as Array<{ message: string; extensions?: { code?: string } }>) : (sub.events[0].errors ?? []));
          return { codes: errors.map((e) => String(e.extensions?.code)), messages: errors.map((e) => e.message) };
        },
      };
      client.subscribe<T>(
        { query, variables },
        {
          next: (value) => sub.events.push(value as LiveSubscription<T>['events'][number]),
          error: (err) => sub.errors.push(err),
          complete: () => (sub.completed = true),
        },
      );
      return sub;
    },
    dispose: () => Promise.resolve(client.dispose()),
  };
}
