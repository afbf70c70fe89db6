#!/usr/bin/env bash
# The backup-and-restore drill (`npm run backup:drill`; CI runs it on the embedded database and, when
# one answers, on the PostgreSQL server at 127.0.0.1:5432):
#   1. start the built service on a database of its own with the demo data, then stop it (SIGTERM);
#   2. check every proposal's history and write every table's row count and digest;
#   3. back the database up (`npm run backup -- create`);
#   4. restore it into a new place (a new DATA_DIR, or a new empty database);
#   5. check every proposal's history there and compare every table with the original's;
#   6. start the service on the restored database and ask it for a proposal's history check.
# Usage: scripts/backup-drill.sh <work folder> [<admin URL of a PostgreSQL server>]
# Without the URL the embedded PostgreSQL serves; with it, two databases are created on that server
# (and dropped at the end), and pg_dump/pg_restore must be at least the server's version.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:?work folder}
admin_url=${2:-}
mkdir -p "$work"; chmod 755 "$work"
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export PORT LOG_LEVEL=warn DEMO_DATA=true
PORT=$(free_port)
unset DATABASE_URL

if [ -n "$admin_url" ]; then
  suffix=$(node -e "console.log(require('crypto').randomBytes(4).toString('hex'))")
  original_db="triada_drill_${suffix}"; restored_db="triada_drill_${suffix}_restored"
  sql() { node -e "const {Client}=require('pg');const c=new Client({connectionString:process.argv[1]});c.connect().then(()=>c.query(process.argv[2])).then(()=>c.end(),(e)=>{console.error(e.message);process.exit(1)})" "$admin_url" "$1"; }
  db_url() { node -e "const u=new URL(process.argv[1]);u.pathname='/'+process.argv[2];console.log(u.toString())" "$admin_url" "$1"; }
  sql "create database $original_db"; sql "create database $restored_db"
  trap 'sql "drop database if exists $original_db" || true; sql "drop database if exists $restored_db" || true' EXIT
  original=(env DATABASE_URL="$(db_url "$original_db")")
  restored=(env DATABASE_URL="$(db_url "$restored_db")")
  where="databases $original_db and $restored_db on the server"
else
  export EMBEDDED_PG_PORT
  EMBEDDED_PG_PORT=$(free_port)
  original=(env DATA_DIR="$work/original")
  restored=(env DATA_DIR="$work/restored")
  where="the embedded PostgreSQL in $work/original and $work/restored"
fi
echo "backup drill: $where"

serve() {
  "$@" node dist/src/main.js > "$work/service.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$PORT/readyz" > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/service.log"; echo "the service exited early" >&2; exit 1; fi
    sleep 0.5
  done
  cat "$work/service.log"; echo "the service did not become ready" >&2; exit 1
}
stop() { kill -TERM "$pid"; wait "$pid"; }

# 1. The original: the demo data, written by the service itself.
serve "${original[@]}"
stop

# 2–4. Check, back up, restore elsewhere.
"${original[@]}" node dist/src/cli/backup.js verify --fingerprint "$work/original.json"
"${original[@]}" node dist/src/cli/backup.js create "$work/backup"
ls -l "$work/backup"
"${restored[@]}" node dist/src/cli/backup.js restore "$work/backup"

# 5. The restored database: every history verifies, every table holds the same rows.
"${restored[@]}" node dist/src/cli/backup.js verify --fingerprint "$work/restored.json"
node -e "
  const [a, b] = process.argv.slice(1).map((f) => JSON.parse(require('fs').readFileSync(f, 'utf8')));
  const key = (t) => t.table + ' ' + t.rows + ' ' + t.digest;
  const differ = a.map(key).filter((k, i) => k !== (b[i] && key(b[i])));
  if (a.length !== b.length || differ.length) { console.error('the restored tables differ:', differ.join('; ')); process.exit(1); }
  const histories = a.find((t) => t.table === 'workflow_event');
  if (!histories || histories.rows === 0) { console.error('the drill had no history to check'); process.exit(1); }
  console.log('restored: ' + a.length + ' tables, ' + a.reduce((n, t) => n + t.rows, 0) + ' rows, the same as the original (' + histories.rows + ' history entries)');
" "$work/original.json" "$work/restored.json"

# 6. The service runs on the restored database and finds a history whole.
serve "${restored[@]}"
token=$("${restored[@]}" node dist/src/cli/token.js demo-chomutov-coordinator)
status=0
node -e "
  const [port, token] = process.argv.slice(1);
  const ask = async (query, variables) => {
    const res = await fetch('http://127.0.0.1:' + port + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  (async () => {
    for (const area of (await ask('{ areas { id name } }')).areas) {
      const page = await ask('query(\$a: ID!) { proposals(filter: { areaId: \$a }, first: 100) { edges { node { id } } } }', { a: area.id });
      for (const { node } of page.proposals.edges) {
        const check = (await ask('query(\$p: ID!) { verifyHistory(proposalId: \$p) { valid checkedEvents } }', { p: node.id })).verifyHistory;
        if (check.checkedEvents === 0) continue;
        if (!check.valid) throw new Error('proposal ' + node.id + ' of ' + area.name + ': the history does not verify');
        console.log('the service on the restored database: a history of ' + check.checkedEvents + ' entries in ' + area.name + ' verifies');
        return;
      }
    }
    throw new Error('no proposal with a history was found through the API');
  })().catch((e) => { console.error(e.message); process.exit(1); });
" "$PORT" "$token" || status=$?
stop
[ "$status" -eq 0 ] || exit "$status"
echo "backup drill passed"
