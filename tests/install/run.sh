#!/bin/bash
# Installs Pressa into a temporary prefix, builds examples/embed against the
# installed package (find_package(Pressa)) and runs it on an index of corpus/.
# Env: PRESSA_BUILD_DIR (the build tree), PRESSA_SOURCE_DIR.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$PRESSA_BUILD_DIR" --prefix "$tmp/prefix" >/dev/null
test -f "$tmp/prefix/include/pressa/searcher/searcher.h"
test -f "$tmp/prefix/lib/cmake/Pressa/PressaConfig.cmake" || \
  test -f "$tmp/prefix/lib/x86_64-linux-gnu/cmake/Pressa/PressaConfig.cmake"
cmake -S "$PRESSA_SOURCE_DIR/examples/embed" -B "$tmp/build" \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/build" >/dev/null
"$tmp/prefix/bin/pressa-index" --db "$tmp/db" "$PRESSA_SOURCE_DIR/corpus" >/dev/null 2>&1 || [ $? = 4 ]
out=$("$tmp/build/embed_search" "$tmp/db" экспортер)
echo "$out"
grep -q "000_79f07d462ba013fb" <<<"$out"
# The installed pressa-search finds pressa-search-inproc beside it. (Its
# output is read whole first: with pipefail, `| grep -q` failed the test
# whenever grep exited before pressa-search had written everything.)
json=$("$tmp/prefix/bin/pressa-search" --db "$tmp/db" --format json экспортер)
grep -q "000_79f07d462ba013fb" <<<"$json"
echo "install + embed example: ok"
