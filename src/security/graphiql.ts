import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';
import type { Logger } from '../logger';

/** The files of the in-browser IDE, from the npm packages (development only; never a CDN). */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

const INIT = `'use strict';
// Subscriptions go over WebSocket (graphql-ws) on the same path; the Headers tab is the connection's connectionParams.
var fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: {}, subscriptionUrl: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: false })
);
`;

const PAGE = `<!doctype html>
<html lang="cs">
<head>
<meta charset="utf-8">
<title>Triáda — GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Načítání… / Loading…</div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script src="/graphiql/init.js"></script>
</body>
</html>
`;

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/**
 * GraphiQL at GET /graphql for browsers (Accept: text/html), with its assets under /graphiql/.
 * Served in development only; production has neither the page nor introspection. When the
 * packages are not installed (npm ci --omit=dev), nothing is mounted.
 */
export function mountGraphiQL(app: express.Express, logger: Logger): boolean {
  const files = new Map<string, { path: string; type: string }>();
  try {
    for (const [name, asset] of Object.entries(ASSETS)) {
      // The packages export only their entry points; the browser bundles sit beside package.json.
      const file = path.join(path.dirname(require.resolve(`${asset.pkg}/package.json`)), asset.file);
      if (!fs.existsSync(file)) throw new Error(`missing ${file}`);
      files.set(name, { path: file, type: asset.type });
    }
  } catch {
    logger.info('GraphiQL packages are not installed; no IDE page');
    return false;
  }
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['application/json', 'text/html']) !== 'text/html' || Object.keys(req.query).length > 0) return next();
    res.type('text/html').set('Content-Security-Policy', CSP).set('Cache-Control', 'no-store').send(PAGE);
  });
  app.get('/graphiql/init.js', (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'no-store').send(INIT);
  });
  app.get('/graphiql/:file', (req, res, next) => {
    const file = files.get(req.params.file);
    if (!file) return next();
    res.type(file.type).set('Cache-Control', 'public, max-age=86400');
    fs.createReadStream(file.path).pipe(res);
  });
  return true;
}
