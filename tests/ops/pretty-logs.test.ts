import { Writable } from 'node:stream';
import { createLogger, wantsPrettyLogs } from '../../src/logger';

/**
 * Development logs are printed for people (pino-pretty) when asked for (LOG_FORMAT, never in
 * production) and written to a terminal; otherwise, and wherever pino-pretty is not installed
 * (production dependencies only), they are JSON lines.
 */

/** A stream that keeps what is written to it. */
function aSink(): { stream: Writable; text: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => written };
}

/** Waits for the stream's writes of this turn to have arrived. */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('pretty only when asked for and written to a terminal', () => {
  expect(wantsPrettyLogs('pretty', { isTTY: true })).toBe(true);
  expect(wantsPrettyLogs('pretty', { isTTY: false })).toBe(false);
  expect(wantsPrettyLogs('pretty', {})).toBe(false);
  expect(wantsPrettyLogs('json', { isTTY: true })).toBe(false);
});

test('pretty on: a line for people, with the level, the message and the fields; no JSON', async () => {
  const sink = aSink();
  createLogger('info', sink.stream, true).child({ requestId: 'pretty-1' }).info({ component: 'access', status: 200 }, 'request');
  await settled();
  const line = sink.text();
  expect(line.trim().split('\n')).toHaveLength(1);
  expect(() => JSON.parse(line) as unknown).toThrow();
  expect(line).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: request /);
  expect(line).toMatch(/"requestId":"pretty-1"/);
  expect(line).toMatch(/"status":200/);
  expect(line).not.toMatch(/\x1b\[/);
});

test('pretty off: JSON lines, as the access log and the collectors read them', async () => {
  const sink = aSink();
  createLogger('info', sink.stream, false).child({ requestId: 'json-1' }).info({ component: 'access', status: 200 }, 'request');
  await settled();
  expect(JSON.parse(sink.text())).toMatchObject({ level: 30, service: 'triada', requestId: 'json-1', component: 'access', status: 200, msg: 'request' });
});

describe('pino-pretty is a development dependency', () => {
  afterEach(() => {
    jest.dontMock('pino-pretty');
  });

  test('it is not loaded when logs are JSON', () => {
    let loaded = false;
    jest.doMock('pino-pretty', () => {
      loaded = true;
      return {};
    });
    jest.isolateModules(() => {
      const isolated = jest.requireActual<typeof import('../../src/logger')>('../../src/logger');
      isolated.createLogger('info', aSink().stream, false).info('hello');
    });
    expect(loaded).toBe(false);
  });

  test('where it is not installed, pretty falls back to JSON lines with a warning', async () => {
    jest.doMock('pino-pretty', () => {
      throw Object.assign(new Error("Cannot find module 'pino-pretty'"), { code: 'MODULE_NOT_FOUND' });
    });
    const sink = aSink();
    jest.isolateModules(() => {
      const isolated = jest.requireActual<typeof import('../../src/logger')>('../../src/logger');
      isolated.createLogger('info', sink.stream, true).info('hello');
    });
    await settled();
    const lines = sink.text().trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, expect.stringMatching(/pino-pretty .*not installed.*JSON/)],
      [30, 'hello'],
    ]);
  });
});
