import { startTestApp, type TestApp } from '../support/test-app';

/**
 * CORS as a browser meets it: a page of an origin listed in CORS_ORIGINS may call the API (its
 * preflight succeeds and may be cached; its answers are readable), a page of any other origin may
 * not, and without CORS_ORIGINS no origin may. Credentials are never allowed.
 */

const FRONTEND = 'https://kpss.chomutov.example';
const OTHER = 'https://evil.example';
let app: TestApp;
let closed: TestApp;

beforeAll(async () => {
  [app, closed] = await Promise.all([startTestApp({ corsOrigins: [FRONTEND, 'http://localhost:5173'], corsMaxAgeSeconds: 900 }), startTestApp()]);
});

afterAll(async () => {
  await Promise.all([app?.close(), closed?.close()]);
});

/** The preflight a browser sends before a JSON POST with a bearer token. */
function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
}

function post(url: string, origin: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ areas { id } }' }) });
}

test('a preflight from an allowed origin succeeds, names what may be sent, may be cached, and allows no credentials', async () => {
  const res = await preflight(app.url, FRONTEND);
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe(FRONTEND);
  expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
  const allowedHeaders = res.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/);
  expect(allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-request-id']));
  expect(res.headers.get('access-control-max-age')).toBe('900');
  expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  expect(res.headers.get('vary')).toMatch(/Origin/);
});

test('a preflight from another origin fails: 403 with a code and no CORS headers', async () => {
  for (const origin of [OTHER, 'https://kpss.chomutov.example.evil.example', 'http://kpss.chomutov.example', 'null']) {
    const res = await preflight(app.url, origin);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('CORS_ORIGIN_NOT_ALLOWED');
  }
});

test("an allowed origin may read the answer and its request id; another origin's answer carries no CORS headers", async () => {
  const allowed = await post(app.url, FRONTEND);
  expect(allowed.status).toBe(200);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(FRONTEND);
  expect(allowed.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
  expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
  const other = await post(app.url, OTHER);
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  expect(other.headers.get('vary')).toMatch(/Origin/);
});

test('without CORS_ORIGINS no origin is allowed', async () => {
  const res = await preflight(closed.url, FRONTEND);
  expect(res.status).toBe(403);
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
  expect((await post(closed.url, FRONTEND)).headers.get('access-control-allow-origin')).toBeNull();
});

test('other paths follow the same rule (a material download)', async () => {
  const res = await preflight(app.url.replace('/graphql', '/materials/00000000-0000-4000-8000-000000000000'), FRONTEND);
  expect(res.status).toBe(204);
  expect((await preflight(app.url.replace('/graphql', '/materials'), OTHER)).status).toBe(403);
});
