#!/usr/bin/env bash
# CGI latency: p50/p95 of whole pressa.cgi requests beside Omega's CGI, both on
# ../shared/corpus (see README.md). Indexes are built once and kept in WORKDIR.
#
# Env: PRESSA_BIN [build/bin], SHARED [../shared], WORKDIR [/tmp/pressa-bench-cgi],
#      REPS timed runs per query [20] (10 queries: 200 runs per line), REBUILD=1.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$here/../.." && pwd)"
bin="${PRESSA_BIN:-$src/build/bin}"
shared="${SHARED:-$src/../shared}"
work="${WORKDIR:-/tmp/pressa-bench-cgi}"
reps="${REPS:-20}"
py=/usr/bin/python3
omega_bin=/usr/lib/cgi-bin/omega/omega

if [ ! -d "$shared/corpus" ] || [ ! -x "$shared/tools/peers/run_peers.sh" ]; then
  echo "bench/cgi: $shared/corpus or $shared/tools/peers is missing; this benchmark needs"
  echo "the shared corpus beside the repository (set SHARED=/path/to/shared)."
  exit 2
fi
for b in pressa-index pressa.cgi; do
  [ -x "$bin/$b" ] || { echo "bench/cgi: $bin/$b is not built (make build)"; exit 2; }
done
[ -x "$omega_bin" ] || { echo "bench/cgi: Omega is missing: apt-get install -y xapian-omega time"; exit 2; }
[ "${REBUILD:-0}" = 1 ] && rm -rf "$work"
mkdir -p "$work"

if [ ! -f "$work/pressa.done" ]; then
  echo "== indexing $shared/corpus with pressa-index"
  rm -rf "$work/pressa-db"
  "$bin/pressa-index" --db "$work/pressa-db" "$shared/corpus" || [ $? -eq 4 ]  # 4: some skipped
  touch "$work/pressa.done"
fi
if [ ! -f "$work/omega.done" ]; then
  echo "== converting the corpus to a seed-format tree and indexing it with Omega's scriptindex"
  rm -rf "$work/tree"
  "$py" "$shared/tools/jsonl_to_tree.py" "$work/tree" "$shared"/corpus/*.jsonl
  WORKDIR="$work/peers" RESULTS="$work/peers-results" PEERS=omega REPS=1 WARMUP=0 \
    STEMSTRATS=some COMPACT=0 "$shared/tools/peers/run_peers.sh" "$work/tree" "$here/queries.txt" \
    >"$work/peers.log" 2>&1 || { tail -20 "$work/peers.log"; exit 1; }
  touch "$work/omega.done"
fi

echo "== whole CGI requests, $reps runs per query, $(grep -cv '^#' "$here/queries.txt") queries" \
     "(loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
db="PRESSA_DB=$work/pressa-db"
oenv="OMEGA_CONFIG_FILE=$work/peers/omega/omega.conf"
"$py" "$here/time_cgi.py" --reps "$reps" --queries "$here/queries.txt" \
  "pressa html (page+facets);q={q};$bin/pressa.cgi;$db" \
  "pressa json;q={q}&format=json;$bin/pressa.cgi;$db" \
  "pressa 400 (no index open);q={q}&page=-1;$bin/pressa.cgi;$db" \
  "omega json template;DB=corpus&FMT=json&P={q};$omega_bin;$oenv" \
  "omega stock query page;DB=corpus&FMT=query&P={q};$omega_bin;$oenv" \
  "spawn /bin/true;x={q};/bin/true"
