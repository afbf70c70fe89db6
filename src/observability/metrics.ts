import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Orm } from '../db/orm';
import type { Logger } from '../logger';
import { watchDatabase } from './database-metrics.collector';
import { WorkflowTransitionsSubscriber } from './workflow-transitions.subscriber';

/** Seconds; from a fast read (a few ms) to the statement timeout's order. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const STATEMENT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30];

/**
 * Distinct operation names one process labels its series with; names beyond are counted as
 * `other`, so that clients sending ever new names cannot grow the series without end.
 */
const MAX_OPERATION_NAMES = 300;

/** The service's Prometheus series (see the README's operator's guide for what each means). */
export interface Metrics {
  readonly registry: Registry;
  /** One finished HTTP request. */
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  /** One finished GraphQL request (POST or GET /graphql). */
  graphqlOperation(name: string | undefined, type: string | undefined, seconds: number): void;
  /** The `extensions.code` of each error a client was answered with. */
  errors(codes: readonly string[]): void;
  /** The text format Prometheus scrapes. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Nothing counted: for a service that exposes no /metrics (neither METRICS_PORT nor METRICS_TOKEN). */
export function uncountedMetrics(): Metrics {
  const registry = new Registry();
  return {
    registry,
    httpRequest: () => undefined,
    graphqlOperation: () => undefined,
    errors: () => undefined,
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * A registry of its own (so that several services in one test process count apart), with the
 * process's own series, the database pool and statements of `orm`, the outbox and job queue
 * read from the database at each scrape, and the workflow transitions `orm` commits.
 */
export function createMetrics(orm: Orm, logger: Logger): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: 'triada_http_requests_total',
    help: 'HTTP requests answered, by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'triada_http_request_duration_seconds',
    help: 'Time from a request arriving to its response sent, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: 'triada_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation name and type (query, mutation; unknown when the request never reached an operation), from arrival to response.',
    labelNames: ['operation_name', 'operation_type'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const errorCount = new Counter({
    name: 'triada_errors_total',
    help: 'Errors answered to clients, by extensions.code (a GraphQL response may carry several).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const names = new Set<string>();
  const operationLabel = (name: string | undefined): string => {
    if (name === undefined) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };

  const database = watchDatabase(orm, registry, STATEMENT_BUCKETS, logger);
  const transitions = new Counter({
    name: 'triada_workflow_transitions_total',
    help: 'Proposal transitions committed by this process, by workflow definition and event.',
    labelNames: ['workflow', 'event'] as const,
    registers: [registry],
  });
  orm.em.getEventManager().registerSubscriber(new WorkflowTransitionsSubscriber((workflow, event) => transitions.inc({ workflow, event })));

  return {
    registry,
    httpRequest(method, route, status, seconds) {
      httpRequests.inc({ method, route, status: String(status) });
      httpDuration.observe({ method, route }, seconds);
    },
    graphqlOperation(name, type, seconds) {
      operationDuration.observe({ operation_name: type === undefined ? 'unknown' : operationLabel(name), operation_type: type ?? 'unknown' }, seconds);
    },
    errors(codes) {
      for (const code of codes) errorCount.inc({ code });
    },
    async render() {
      database.beforeScrape();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
