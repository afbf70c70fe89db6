import pino from 'pino';
import { currentObservation } from './observability/request-observation';

export type Logger = pino.Logger;

/**
 * JSON logs on stdout, one object a line. A line written while a request is served carries its
 * request id (unless the logger already binds one), whichever logger wrote it. `destination`:
 * somewhere else than stdout (a test that reads the lines).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
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
  return destination ? pino(options, destination) : pino(options);
}
