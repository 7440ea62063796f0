#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server:
#   bash strapi-plugin/scripts/with-postgres.sh npx vitest run test/strapi
# Installs PostgreSQL from Debian's packages when it is absent, starts a
# private cluster in a temporary folder on 127.0.0.1 (a fresh server, so a
# fresh database, per run), exports DATABASE_CLIENT=postgres and the
# DATABASE_* variables the playground reads, runs the command, then stops
# the server and removes its folder. The tests create one database per test
# file in it.
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

PGBIN="$(pg_bin || true)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgres: installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  PGBIN="$(pg_bin)"
fi

# PostgreSQL refuses to run as root: run it as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

DIR="$(mktemp -d /tmp/hipaa-lint-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

stop() {
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
# Durability settings off: a test server, thrown away after the run.
as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"

export DATABASE_CLIENT=postgres DATABASE_HOST=127.0.0.1 DATABASE_PORT="$PORT" DATABASE_USERNAME=postgres DATABASE_PASSWORD="" DATABASE_ADMIN_NAME=postgres
"$@"
