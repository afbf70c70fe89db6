#!/usr/bin/env bash
# Starts the service with `npm start`, as the README's "Run it" says (embedded database, demo data),
# in a fresh data folder, runs the README's curl example, lists the demo area's bodies with a demo
# coordinator's token, stops it, starts the built service again as `node dist/src/main.js`, checks
# the data stayed, and checks a SIGTERM ends each start cleanly.
set -euo pipefail
data=${1:?data folder}
mkdir -p "$data"; chmod 755 "$data"
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
pgport=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export DATA_DIR="$data" PORT="$port" EMBEDDED_PG_PORT="$pgport" LOG_LEVEL=warn
unset DATABASE_URL

# `npm start` runs the service under npm and a shell, in a process group of its own here; a
# supervisor's SIGTERM reaches the service itself (node), after which npm must end with 0 too.
# `node dist/src/main.js` is the service itself.
start() {
  if [ "$1" = npm ]; then
    setsid npm start > "$data/service.log" 2>&1 &
    pid=$!
    service=
    for _ in $(seq 1 300); do
      if service=$(pgrep -g "$pid" -f '^node dist/src/main.js'); then break; fi
      kill -0 "$pid" 2>/dev/null || { cat "$data/service.log"; echo "npm start exited early" >&2; exit 1; }
      sleep 0.2
    done
    [ -n "$service" ] || { cat "$data/service.log"; echo "npm start did not start the service" >&2; exit 1; }
  else
    node dist/src/main.js > "$data/service.log" 2>&1 &
    pid=$!
    service=$pid
  fi
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/readyz" > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$data/service.log"; echo "service exited early" >&2; exit 1; fi
    sleep 0.5
  done
  cat "$data/service.log"; echo "service did not become ready" >&2; exit 1
}

stop() {
  kill -TERM "$service"
  local status=0
  wait "$pid" || status=$?
  if [ "$status" -ne 0 ]; then cat "$data/service.log"; echo "service exited with $status on SIGTERM" >&2; exit 1; fi
}

query_bodies() {
  local token
  token=$(node dist/src/cli/token.js demo-chomutov-coordinator)
  curl -fsS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -H "authorization: Bearer $token" \
    --data '{"query":"{ areas { name bodies { name kind } } }"}'
}

# The README's "Try it with curl" example, as written (the port aside): the data and no error.
readme_example() {
  local example
  example=$(awk '/^### Try it with curl/{on=1} on&&/^```sh/{grab=1;next} grab&&/^```/{exit} grab' README.md)
  [ -n "$example" ] || { echo "the README's curl example was not found" >&2; exit 1; }
  bash -c "${example//localhost:4000/127.0.0.1:$port}" | node -e "
    const r = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    if (r.errors) { console.error('the README example answered errors:', JSON.stringify(r.errors.map((e) => e.extensions.code))); process.exit(1); }
    if (!r.data.me.person || r.data.areas.length < 2) { console.error('the README example answered no data'); process.exit(1); }
    console.log('README curl example: no errors,', r.data.areas.length, 'areas, signed in as', r.data.me.person.name);
  "
}

start npm
readme_example
first=$(query_bodies)
echo "$first" | node -e "
  const r = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  if (r.errors) { console.error(JSON.stringify(r.errors)); process.exit(1); }
  const chomutov = r.data.areas.find((a) => a.name === 'ORP Chomutov');
  if (!chomutov || chomutov.bodies.length < 8) { console.error('demo bodies missing'); process.exit(1); }
  console.log('ORP Chomutov bodies seen by the demo coordinator:', chomutov.bodies.length);
"
stop
start node
second=$(query_bodies)
[ "$first" = "$second" ] || { echo "data changed across a restart" >&2; exit 1; }
echo "restart kept the data"
stop
echo "SIGTERM stopped the service cleanly"
