import pino from 'pino';
import { currentObservation } from './observability/request-observation';

export type Logger = pino.Logger;

/**
 * Whether logs are printed for people: asked for (config's `logFormat`, which is never `pretty` in
 * production) and written to a terminal. Piped or redirected output stays JSON lines, for whatever
 * reads it.
 */
export function wantsPrettyLogs(format: 'json' | 'pretty', stdout: { isTTY?: boolean } = process.stdout): boolean {
  return format === 'pretty' && stdout.isTTY === true;
}

/**
 * pino-pretty is a development dependency: loaded only when pretty logs are asked for, never in
 * production, where it is not installed (`npm ci --omit=dev`). Undefined when it cannot be loaded.
 */
function loadPinoPretty(): { prettifier?: typeof import('pino-pretty'); problem?: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, and only in development
    return { prettifier: require('pino-pretty') as typeof import('pino-pretty') };
  } catch (err) {
    return { problem: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Lines for people written to `destination`: time, level, message, then the fields on the same line.
 * Formatted and written as they are logged (pino-pretty's prettifier, not its stream), so that the
 * last line before an exit is not lost.
 */
function prettyDestination(prettifier: typeof import('pino-pretty'), destination: pino.DestinationStream & { isTTY?: boolean }): pino.DestinationStream {
  const prettify = prettifier.prettyFactory({
    colorize: destination.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    singleLine: true,
  });
  return { write: (line: string) => destination.write(prettify(line)) };
}

/**
 * Logs on stdout: JSON, one object a line, or with `pretty` lines for people (see wantsPrettyLogs;
 * JSON, with a warning, where pino-pretty is not installed). A line written while a request is
 * served carries its request id (unless the logger already binds one), whichever logger wrote it.
 * `destination`: somewhere else than stdout (a test that reads the lines).
 */
export function createLogger(level: string, destination?: pino.DestinationStream, pretty = false): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'triada' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin(_object, _level, logger) {
      const requestId = currentObservation()?.requestId;
      if (requestId === undefined || 'requestId' in logger.bindings()) return {};
      return { requestId };
    },
  };
  const { prettifier, problem } = pretty ? loadPinoPretty() : {};
  if (prettifier) return pino(options, prettyDestination(prettifier, destination ?? process.stdout));
  const logger = destination ? pino(options, destination) : pino(options);
  if (problem !== undefined) logger.warn({ problem }, 'pino-pretty is not installed (production dependencies only?): logs stay JSON lines');
  return logger;
}
