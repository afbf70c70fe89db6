import { ConfigError, loadConfig } from '../../src/config/config';

/** The operations settings: nothing exposed by default, and a setting the service cannot use is refused at start with what to change. */

test('by default: no /metrics, no CORS origin, no tracing', () => {
  const config = loadConfig({});
  expect(config.metrics).toBeUndefined();
  expect(config.corsOrigins).toEqual([]);
  expect(config.corsMaxAgeSeconds).toBe(600);
  expect(config.otlpEndpoint).toBeUndefined();
  expect(config.otelServiceName).toBe('triada');
});

test('METRICS_PORT, METRICS_HOST and METRICS_TOKEN', () => {
  expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '0.0.0.0', token: undefined });
  expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '127.0.0.1', HOST: '10.0.0.5' }).metrics).toEqual({ port: 9464, host: '127.0.0.1', token: undefined });
  const token = 'a'.repeat(32);
  expect(loadConfig({ METRICS_TOKEN: token }).metrics).toEqual({ port: undefined, host: '0.0.0.0', token });
  expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be 24 to 256/);
  expect(() => loadConfig({ METRICS_TOKEN: `${token} ${token}` })).toThrow(ConfigError);
  expect(() => loadConfig({ METRICS_PORT: '4000' })).toThrow(/METRICS_PORT must differ from PORT/);
  expect(() => loadConfig({ METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT must be an integer/);
});

test('CORS_ORIGINS lists origins only: no wildcard, no path, no credentials', () => {
  expect(loadConfig({ CORS_ORIGINS: 'https://kpss.chomutov.example, http://localhost:5173/', CORS_MAX_AGE_SECONDS: '7200' })).toMatchObject({
    corsOrigins: ['https://kpss.chomutov.example', 'http://localhost:5173'],
    corsMaxAgeSeconds: 7200,
  });
  for (const bad of ['*', 'kpss.chomutov.example', 'https://kpss.chomutov.example/app', 'https://user:pw@kpss.example', 'ftp://kpss.example']) {
    expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS must list origins/);
  }
});

test('OTEL_EXPORTER_OTLP_ENDPOINT turns tracing on; it must be an http(s) address', () => {
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318/', OTEL_SERVICE_NAME: 'triada-chomutov' })).toMatchObject({
    otlpEndpoint: 'http://otel-collector:4318',
    otelServiceName: 'triada-chomutov',
  });
  expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) address/);
});

test('LOG_FORMAT: pretty by default outside production, JSON in production; pretty is refused there, anything else everywhere', () => {
  const provider = { AUTH_JWKS_URL: 'https://idp.example.cz/certs', AUTH_ISSUER: 'https://idp.example.cz', AUTH_AUDIENCE: 'triada' };
  expect(loadConfig({}).logFormat).toBe('pretty');
  expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
  expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
  expect(loadConfig({ NODE_ENV: 'production', ...provider }).logFormat).toBe('json');
  expect(loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'json', ...provider }).logFormat).toBe('json');
  expect(() => loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'pretty', ...provider })).toThrow(/LOG_FORMAT=pretty is for development.*production.*JSON/);
  for (const bad of ['yaml', 'PRETTY', 'text']) expect(() => loadConfig({ LOG_FORMAT: bad })).toThrow(/LOG_FORMAT must be json or pretty/);
});
