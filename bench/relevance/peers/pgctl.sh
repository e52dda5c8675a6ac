#!/bin/bash
# Private throw-away PostgreSQL cluster for the peer benchmark.
#   pgctl.sh start|stop|status|psql [args...]
# Env: PG_WORK (default ${WORKDIR:-/tmp/peers-work}/pg), PGPORT (54329),
#      PG_BIN (/usr/lib/postgresql/<newest>/bin), PG_OPTS (extra -c settings)
# Listens on 127.0.0.1 only (plus a unix socket inside PG_WORK), trust auth,
# runs as the "postgres" OS user (postgres refuses to run as root).
set -euo pipefail

PG_WORK=${PG_WORK:-${WORKDIR:-/tmp/peers-work}/pg}
PGPORT=${PGPORT:-54329}
if [ -z "${PG_BIN:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
fi
[ -x "$PG_BIN/pg_ctl" ] || { echo "pgctl: no PostgreSQL binaries (apt-get install -y postgresql)" >&2; exit 1; }
PGDATA=$PG_WORK/data
PGUSER_OS=postgres
# Settings: moderate memory for a 24 GiB box, JIT off (it adds 10-100 ms to
# "expensive" FTS plans on big corpora), big max_wal_size so a bulk COPY is
# not dominated by checkpoints.  Durability (fsync) left at defaults.
DEFAULT_OPTS="-c shared_buffers=256MB -c maintenance_work_mem=512MB -c work_mem=64MB -c jit=off -c max_wal_size=4GB"
PG_OPTS=${PG_OPTS:-$DEFAULT_OPTS}

as_pg() { runuser -u "$PGUSER_OS" -- "$@"; }

case "${1:-}" in
  start)
    mkdir -p "$PG_WORK"
    chown "$PGUSER_OS": "$PG_WORK"
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
      # C.UTF-8 (not plain C!): with LC_CTYPE=C PostgreSQL neither lowercases
      # Cyrillic nor separates «» — from words, which breaks russian stemming.
      as_pg "$PG_BIN/initdb" -D "$PGDATA" -E UTF8 --locale=C.UTF-8 \
            --auth=trust -U postgres >"$PG_WORK/initdb.log" 2>&1 \
        || { cat "$PG_WORK/initdb.log" >&2; exit 1; }
    fi
    if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      echo "pgctl: already running"; exit 0
    fi
    # shellcheck disable=SC2086
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -w -t 60 -l "$PG_WORK/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PG_WORK $PG_OPTS" start >/dev/null
    echo "pgctl: started on 127.0.0.1:$PGPORT (data $PGDATA)"
    ;;
  stop)
    if [ -f "$PGDATA/PG_VERSION" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -w -m fast stop >/dev/null 2>&1 || true
    fi
    echo "pgctl: stopped"
    ;;
  status)
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status
    ;;
  psql)
    shift
    exec "$PG_BIN/psql" -X -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"
    ;;
  *)
    echo "usage: $0 start|stop|status|psql [psql args]" >&2; exit 2;;
esac
