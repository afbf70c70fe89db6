import { loadConfig } from '../../src/config/config';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import { aTestDatabase, postGraphQL, TEST_AUDIENCE, TEST_ISSUER } from '../support/test-app';

/**
 * The demo data holds people with predictable subjects (`demo-chomutov-admin`, …): a production
 * service loads it only when asked with DEMO_DATA=1, never by default.
 */

let database: { url: string; drop(): Promise<void> };
let service: ServiceProcess | undefined;
beforeAll(async () => {
  database = await aTestDatabase();
});
afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

const DEMO_ADMIN = 'demo-chomutov-admin';
const WHAT_IS_THERE = '{ me { authenticated person { name } areaRoles { role } } areas { name } }';

test('DEMO_DATA defaults: on in development, off in production; 1 or 0 decides in either', () => {
  const production = { NODE_ENV: 'production', AUTH_JWKS_PATH: '/nonexistent/jwks.json', AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE };
  const table = [
    [{}, true],
    [{ DEMO_DATA: '0' }, false],
    [{ DEMO_DATA: '1' }, true],
    [production, false],
    [{ ...production, DEMO_DATA: '' }, false],
    [{ ...production, DEMO_DATA: '0' }, false],
    [{ ...production, DEMO_DATA: '1' }, true],
  ] as const;
  expect(table.map(([env]) => loadConfig(env).demoData)).toEqual(table.map(([, demo]) => demo));
});

test('a production service on an empty database loads no demo data unless DEMO_DATA=1', async () => {
  // An empty DEMO_DATA counts as unset (the process helper would otherwise pass DEMO_DATA=0).
  service = await startServiceProcess(database.url, { DEMO_DATA: '' });
  const bare = await postGraphQL(service.url, WHAT_IS_THERE, {}, { as: DEMO_ADMIN });
  expect(bare.errors).toBeUndefined();
  expect(bare.data).toEqual({ me: { authenticated: true, person: null, areaRoles: [] }, areas: [] });
  expect(service.output()).not.toMatch(/demo data loaded/);
  await service.stop();

  // Asked for, it is loaded, and the demo admin is one.
  service = await startServiceProcess(database.url, { DEMO_DATA: '1' });
  const demo = await postGraphQL<{ me: { person: { name: string } | null; areaRoles: Array<{ role: string }> }; areas: Array<{ name: string }> }>(
    service.url,
    WHAT_IS_THERE,
    {},
    { as: DEMO_ADMIN },
  );
  expect(demo.data!.me).toEqual({ authenticated: true, person: { name: 'Radek Správa' }, areaRoles: [{ role: 'ADMIN' }] });
  expect(demo.data!.areas.map((a) => a.name).sort()).toEqual(['ORP Chomutov', 'ORP Nový Jičín', 'Český Krumlov']);
});
