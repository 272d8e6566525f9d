#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL 15 server on a loopback port in a temp dir.
# The command sees TEST_DATABASE_URL (the admin URL the test suite uses instead of PGlite).
# Usage: bash scripts/with-postgres.sh npx vitest run
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PORT=${TEST_PG_PORT:-55432}
if [ ! -x "$PGBIN/postgres" ]; then
  echo "PostgreSQL server binaries not found in $PGBIN (apt-get install postgresql-15)" >&2
  exit 2
fi
dir=$(mktemp -d /tmp/tongban-pg.XXXXXX)
# PostgreSQL refuses to run as root: as root, run the server as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
stop() {
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Durability off: this server lives for one test run.
as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($dir)"
TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres" "$@"
