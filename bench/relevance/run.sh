#!/bin/bash
# Relevance benchmark: indexes ../shared/corpus with Pressa, Xapian Omega and PostgreSQL
# FTS (russian), runs the known-item query set on all three and prints success@1,
# success@10 and MRR@10 per query kind and overall.
#
#   bench/relevance/run.sh [QUERIES.jsonl]      (default ../shared/eval/dev-queries.jsonl)
#
# Environment: SHARED (../shared next to the repo), WORKDIR (/tmp/pressa-relevance),
# BUILD (build-bench in the repo), PGPORT (54329), REUSE=1 keeps existing indexes,
# ENGINES (pressa,omega,omega_all_z,pg).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-$(cd "$REPO/.." && pwd)/shared}
WORKDIR=${WORKDIR:-/tmp/pressa-relevance}
BUILD=${BUILD:-$REPO/build-bench}
export PGPORT=${PGPORT:-54329}
REUSE=${REUSE:-0}
ENGINES=${ENGINES:-pressa,omega,omega_all_z,pg}
QUERIES=${1:-$SHARED/eval/dev-queries.jsonl}
CORPUS=$SHARED/corpus
SEEDS=$SHARED/seeds

if [ ! -d "$CORPUS" ] || [ ! -d "$SEEDS" ] || [ ! -f "$QUERIES" ]; then
  echo "run.sh: needs the shared benchmark data, which is not part of the repo:" >&2
  echo "  corpus  $CORPUS $( [ -d "$CORPUS" ] && echo ok || echo MISSING)" >&2
  echo "  seeds   $SEEDS $( [ -d "$SEEDS" ] && echo ok || echo MISSING)" >&2
  echo "  queries $QUERIES $( [ -f "$QUERIES" ] && echo ok || echo MISSING)" >&2
  echo "Set SHARED=/path/to/shared (holding corpus/*.jsonl and eval/) and run again." >&2
  exit 2
fi

# ---- dependencies (Debian packages), installed when missing
"$REPO/scripts/install-deps.sh" xapian-omega xapian-tools postgresql util-linux
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$WORKDIR"

# ---- Pressa
if [[ ",$ENGINES," == *,pressa,* ]]; then
  echo "== pressa: build and index"
  cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPRESSA_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BUILD" -j2 --target pressa-index pressa-search >/dev/null
  if [ "$REUSE" != 1 ] || [ ! -d "$WORKDIR/pressa-db" ]; then
    rm -rf "$WORKDIR/pressa-db"
    t0=$(date +%s.%N)
    "$BUILD/bin/pressa-index" --db "$WORKDIR/pressa-db" "$CORPUS" "$SEEDS" || [ $? = 4 ]
    echo "  indexed in $(awk "BEGIN { print $(date +%s.%N) - $t0 }") s"
  fi
fi

# ---- Omega
OW=$WORKDIR/omega
if [[ ",$ENGINES," == *,omega* ]]; then
  if [ "$REUSE" != 1 ] || [ ! -d "$OW/data/corpus" ]; then
    echo "== omega: scriptindex"
    rm -rf "$OW"; mkdir -p "$OW/data" "$OW/templates" "$OW/log" "$OW/cdb"
    python3 "$HERE/convert.py" --format scriptindex -o "$OW/dump.txt" "$CORPUS"/*.jsonl "$SEEDS"
    scriptindex --stemmer=russian --overwrite "$OW/data/corpus" "$HERE/peers/index.script" \
      "$OW/dump.txt" | tail -1
  fi
  mkdir -p "$OW/templates"
  ln -sf "$HERE/peers/templates/json" "$OW/templates/json"
  printf 'database_dir %s\ntemplate_dir %s\nlog_dir %s\ncdb_dir %s\n' \
    "$OW/data" "$OW/templates" "$OW/log" "$OW/cdb" > "$OW/omega.conf"
fi

# ---- PostgreSQL: a private cluster on 127.0.0.1, stopped on exit
PW=$WORKDIR/pg
export PG_WORK=$PW
PG_STARTED=0
stop_pg() { if [ "$PG_STARTED" = 1 ]; then "$HERE/peers/pgctl.sh" stop; fi; }
trap stop_pg EXIT
if [[ ",$ENGINES," == *,pg,* ]]; then
  "$HERE/peers/pgctl.sh" start
  PG_STARTED=1
  PSQL=("$HERE/peers/pgctl.sh" psql -q -v ON_ERROR_STOP=1)
  if [ "$REUSE" != 1 ] || ! "${PSQL[@]}" -d relevance -c 'SELECT 1 FROM docs LIMIT 1' >/dev/null 2>&1; then
    echo "== postgresql: load"
    python3 "$HERE/convert.py" --format pgcopy -o "$WORKDIR/docs.tsv" "$CORPUS"/*.jsonl "$SEEDS"
    chmod a+r "$WORKDIR/docs.tsv"
    "${PSQL[@]}" -c "DROP DATABASE IF EXISTS relevance" -c "CREATE DATABASE relevance" >/dev/null 2>&1
    "${PSQL[@]}" -d relevance -f "$HERE/peers/schema.sql" >/dev/null
    "${PSQL[@]}" -d relevance -c "\\copy docs(id, date, title, body) FROM '$WORKDIR/docs.tsv'" \
      -c "CREATE INDEX docs_tsv_gin ON docs USING gin (tsv)" \
      -c "CREATE INDEX docs_date ON docs (date)" -c "VACUUM ANALYZE docs"
  fi
fi

echo "== queries: $QUERIES"
python3 "$HERE/eval.py" --queries "$QUERIES" --engines "$ENGINES" \
  --pressa-bin "$BUILD/bin/pressa-search" --pressa-db "$WORKDIR/pressa-db" \
  --omega-conf "$OW/omega.conf" --psql "$PG_BIN/psql" --pg-port "$PGPORT" --pg-db relevance \
  --details "$WORKDIR/ranks.tsv" ${MARKDOWN:+--markdown}
echo "per-query ranks: $WORKDIR/ranks.tsv"
