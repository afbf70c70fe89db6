import { loadConfig } from '../config/config';
import { startTracing, type Tracing } from './tracing';

function start(): Tracing | undefined {
  try {
    const config = loadConfig();
    return config.otlpEndpoint ? startTracing(config.otlpEndpoint, config.otelServiceName) : undefined;
  } catch {
    // A configuration the service cannot start with is main.ts's to report.
    return undefined;
  }
}

/**
 * Tracing, started (when OTEL_EXPORTER_OTLP_ENDPOINT is set) as this module loads: main.ts imports
 * it before anything that loads http, pg or graphql, so that their instrumentations apply.
 */
export const tracing = start();
