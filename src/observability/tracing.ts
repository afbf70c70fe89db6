import type { Attributes } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-node';

/** Tracing as started: `shutdown` sends what is still buffered. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/** Paths probed or scraped every few seconds: no spans for them. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The span attributes that may leave the process: what was done (method, route, status, the
 * operation's name and type, the resolver's field, the SQL text with its placeholders) and
 * never who or with what (client addresses, user agents, the GraphQL document, which may hold
 * literal values, variables, bound parameters, error messages, which may quote a value). The ORM
 * writes values into its SQL: statements leave with every literal replaced by `?`.
 */
const KEPT_ATTRIBUTE = new RegExp(
  [
    '^triada\\.',
    '^graphql\\.(operation|field|parent)\\.',
    '^db\\.(system|name|namespace|statement|query\\.text|operation|operation\\.name|collection\\.name|sql\\.table)$',
    '^http\\.(method|request\\.method|route|status_code|response\\.status_code|scheme|flavor|target)$',
    '^url\\.(path|scheme)$',
    '^network\\.protocol\\.(name|version)$',
    '^error\\.type$',
    '^exception\\.type$',
  ].join('|'),
);

const STATEMENT = new Set(['db.statement', 'db.query.text']);

/** SQL with its string and number literals replaced by `?` (identifiers and `$1` placeholders kept). */
export function withoutLiterals(sql: string): string {
  return sql.replace(/(?<!\w)[Ee]'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*'/g, '?').replace(/(?<![\w"$.])\d+(?:\.\d+)?(?![\w"])/g, '?');
}

function keptAttributes(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!KEPT_ATTRIBUTE.test(key)) continue;
    if (typeof value !== 'string') kept[key] = value;
    // The query string may carry a calendar feed's secret.
    else if (key === 'http.target') kept[key] = value.split('?')[0];
    else kept[key] = STATEMENT.has(key) ? withoutLiterals(value) : value;
  }
  return kept;
}

/** A span as exported: the same span with only the kept attributes, and no status message. */
function scrubbed(span: ReadableSpan): ReadableSpan {
  return Object.create(span, {
    attributes: { value: keptAttributes(span.attributes) },
    status: { value: { code: span.status.code } },
    events: { value: span.events.map((e) => ({ ...e, attributes: e.attributes && keptAttributes(e.attributes) })) },
  }) as ReadableSpan;
}

/** Passes spans on to `exporter` scrubbed (see KEPT_ATTRIBUTE). */
class ScrubbingExporter implements SpanExporter {
  constructor(private readonly exporter: SpanExporter) {}

  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    this.exporter.export(spans.map(scrubbed), done);
  }

  shutdown(): Promise<void> {
    return this.exporter.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.exporter.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * Starts OpenTelemetry tracing to the OTLP/HTTP collector at `endpoint` (`/v1/traces`): a span per
 * HTTP request (probes excepted), per GraphQL operation and resolver that does more than read a
 * property, and per PostgreSQL statement made for a request. Must run before `http`, `pg` and
 * `graphql` are first required: the instrumentations patch them as they load.
 */
export function startTracing(endpoint: string, serviceName: string): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new ScrubbingExporter(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` })))],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? '').split('?')[0] ?? ''),
        // The exporter's own requests and any other outgoing call are not traced as requests' work.
        disableOutgoingRequestInstrumentation: true,
      }),
      new GraphQLInstrumentation({ allowValues: false, mergeItems: true, ignoreTrivialResolveSpans: true }),
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  return { shutdown: () => provider.shutdown() };
}
