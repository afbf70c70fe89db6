import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs on stdout, one object a line. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'triada' }, timestamp: pino.stdTimeFunctions.isoTime });
}
