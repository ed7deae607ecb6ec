#!/usr/bin/env bash
# Installs (Debian's package, when missing) and starts a throwaway PostgreSQL server on 127.0.0.1,
# then prints the DATABASE_URL to use. Used by .ci/run and by developers who want the server suite.
# Usage: scripts/pg-server.sh [PGDATA_DIR] [PORT]
set -euo pipefail
PGDATA_DIR="${1:-/tmp/refuge-pg}"
PORT="${2:-5432}"
PG_BIN=""
find_pg_bin() { PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"; }
find_pg_bin
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "installing PostgreSQL from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql postgresql-contrib >&2
  find_pg_bin
fi
# Debian's postinst may start its own cluster on 5432; stop it so ours owns the port.
if command -v pg_ctlcluster >/dev/null 2>&1; then
  for c in $(pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}'); do pg_ctlcluster ${c/\// } stop >/dev/null 2>&1 || true; done
fi
RUN_AS=(runuser -u postgres --)
if [ "$(id -u)" != "0" ]; then RUN_AS=(); fi
if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  mkdir -p "$PGDATA_DIR"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$PGDATA_DIR"
  "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  cat >> "$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
max_connections = 200
shared_buffers = 512MB
unix_socket_directories = '/tmp'
CONF
fi
if ! "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w start >&2
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
