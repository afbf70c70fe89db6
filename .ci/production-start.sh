#!/usr/bin/env bash
# The container's start without a container engine: the built tree (dist/ and the package files,
# as the Dockerfile copies them) in a fresh folder, `npm ci --omit=dev` there, then
# `node dist/src/main.js` under NODE_ENV=production as a user other than root (`nobody` when run as
# root), with an identity provider's keys, the embedded database and METRICS_PORT. It must become
# ready, answer GraphQL and /metrics, hold no development dependency, and stop cleanly on SIGTERM.
# Then the operator's command of the container, `node dist/src/cli/migrate.js status`, on its data.
set -euo pipefail
work=${1:?work folder}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"; chmod 755 "$work"
app="$work/app"
data="$work/data"

npm --prefix "$root" run --silent build
rm -rf "$app"; mkdir -p "$app" "$data"
cp -r "$root/dist" "$root/package.json" "$root/package-lock.json" "$app/"
(cd "$app" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
for dev in typescript jest @swc/core eslint graphiql react; do
  if [ -e "$app/node_modules/$dev" ]; then echo "development dependency $dev installed by npm ci --omit=dev" >&2; exit 1; fi
done

# An identity provider's public keys (the service only reads them).
node -e "
  const { generateKeyPairSync } = require('node:crypto');
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  console.log(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'ci', alg: 'ES256', use: 'sig' }] }));
" > "$work/jwks.json"
chmod 644 "$work/jwks.json"

runner=()
if [ "$(id -u)" = 0 ]; then
  runner=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
  chown -R nobody:nogroup "$data"
fi
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port=$(free_port); metrics_port=$(free_port); pg_port=$(free_port)

(cd "$app" && exec env -i PATH="$PATH" HOME="$data" NODE_ENV=production HOST=127.0.0.1 PORT="$port" METRICS_PORT="$metrics_port" METRICS_HOST=127.0.0.1 \
  DATA_DIR="$data" EMBEDDED_PG_PORT="$pg_port" AUTH_JWKS_PATH="$work/jwks.json" AUTH_ISSUER=https://idp.example/realms/kpss AUTH_AUDIENCE=triada \
  "${runner[@]}" node dist/src/main.js) > "$work/service.log" 2>&1 &
pid=$!
fail() { cat "$work/service.log" >&2; echo "$*" >&2; kill -TERM "$pid" 2>/dev/null || true; exit 1; }
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/readyz" > /dev/null 2>&1; then break; fi
  kill -0 "$pid" 2>/dev/null || fail "the production start exited early"
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" > /dev/null || fail "the production start did not become ready"

if [ "$(id -u)" = 0 ] && [ "$(ps -o user= -p "$pid")" != nobody ]; then fail "the service does not run as nobody"; fi

answer=$(curl -fsS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' --data '{"query":"{ areas { name } }"}')
[ "$answer" = '{"data":{"areas":[]}}' ] || fail "unexpected GraphQL answer: $answer"
# Production: no GraphiQL, no introspection.
# Read whole, then searched: `curl | grep -q` fails under pipefail when grep stops reading early.
introspection=$(curl -sS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' --data '{"query":"{ __schema { queryType { name } } }"}')
grep -q GRAPHQL_VALIDATION_FAILED <<< "$introspection" || fail "introspection answered in production"
metrics=$(curl -fsS "http://127.0.0.1:$metrics_port/metrics")
grep -q '^triada_http_requests_total{method="POST",route="/graphql",status="200"} 1$' <<< "$metrics" || fail "/metrics did not count the request"
grep -q '"msg":"request"' "$work/service.log" || fail "no access-log line"

kill -TERM "$pid"
status=0; wait "$pid" || status=$?
[ "$status" -eq 0 ] || fail "the service exited with $status on SIGTERM"

# With the service's settings, as `docker compose run --rm triada node dist/src/cli/migrate.js status` has them.
migrations=$(cd "$app" && env -i PATH="$PATH" HOME="$data" NODE_ENV=production DATA_DIR="$data" EMBEDDED_PG_PORT="$pg_port" LOG_LEVEL=warn \
  AUTH_JWKS_PATH="$work/jwks.json" AUTH_ISSUER=https://idp.example/realms/kpss AUTH_AUDIENCE=triada \
  "${runner[@]}" node dist/src/cli/migrate.js status) || fail "migrate.js status failed in the production tree"
grep -q '^[0-9]* applied, 0 pending\.$' <<< "$migrations" || fail "unexpected migration status: $migrations"
echo "production start: npm ci --omit=dev, NODE_ENV=production, as $( [ "$(id -u)" = 0 ] && echo nobody || id -un ): ready, served GraphQL and /metrics, stopped cleanly; $(tail -1 <<< "$migrations")"
