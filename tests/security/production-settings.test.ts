import { startTestApp, codes, type TestApp } from '../support/test-app';

/** What development and production serve differently, and what both refuse. */

let dev: TestApp;
let prod: TestApp;
beforeAll(async () => {
  dev = await startTestApp();
  prod = await startTestApp({ nodeEnv: 'production', production: true });
});
afterAll(async () => {
  await Promise.all([dev.close(), prod.close()]);
});

const page = (app: TestApp, path = '/graphql') => fetch(app.url.replace('/graphql', path), { headers: { accept: 'text/html' } });

test('development serves GraphiQL from the npm packages, never from a CDN, under a strict content policy', async () => {
  const res = await page(dev);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  const html = await res.text();
  expect(html).not.toMatch(/https?:\/\//);
  const scripts = [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
  expect(scripts).toEqual(['/graphiql/react.js', '/graphiql/react-dom.js', '/graphiql/graphiql.js', '/graphiql/init.js']);
  for (const asset of [...scripts, '/graphiql/graphiql.css']) {
    const file = await page(dev, asset);
    expect({ asset, status: file.status }).toEqual({ asset, status: 200 });
    expect((await file.text()).length).toBeGreaterThan(100);
  }
  const introspection = await dev.gql(`{ __schema { queryType { name } } }`);
  expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
});

test('production has no IDE page, no landing page and no introspection', async () => {
  const res = await page(prod);
  expect(res.headers.get('content-type')).not.toContain('text/html');
  expect((await page(prod, '/graphiql/graphiql.js')).status).toBe(404);
  expect(codes(await prod.gql(`{ __schema { queryType { name } } }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(codes(await prod.gql(`{ __type(name: "Proposal") { fields { name } } }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
});

test('an honest deep query — a plan down to who recorded each indicator value — is within the limits', async () => {
  const res = await dev.gql(
    `query($id: ID!) { plan(id: $id) { priorities { goals { guarantors { person { name } municipality { name } } measures { indicators { name guarantors { person { name } organisation { name } } values { value recordedBy { name } } } } } } actionPlans { projectIntents { reports { reportedBy { name } } } } } }`,
    { id: '00000000-0000-4000-8000-000000000000' },
  );
  expect(codes(res)).toEqual(['NOT_FOUND']);
});
