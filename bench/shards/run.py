#!/usr/bin/env python3
"""bench/shards: one index against a stub of local shards, by year, on the same articles.

Splits ../shared/corpus (29,512 articles) by the year of their `date` into four JSON-lines
inputs (before 2023, 2023, 2024, undated), builds one index of each with pressa-index and a
stub listing them, the same shards again "alike" (each but the one with the most text built
with --positions-like that one, as the README advises) and one index of everything; then runs
pressa-query-bench (one long-lived Searcher, exact facets) with the same queries on the three,
interleaved, and prints p50 / p95 / mean of each. Needs a build with -DPRESSA_BUILD_BENCH=ON
(bench/run makes build-bench/).
Usage:
  bench/shards/run.py [--corpus DIR] [--bin DIR] [--queries FILE] [--reps N] [--rounds N]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../.."))


def shard_of(line):
    year = (json.loads(line).get("date") or "")[:4]
    if not year:
        return "undated"
    return "before-2023" if year < "2023" else year


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p
    f = int(k)
    c = min(f + 1, len(values) - 1)
    return values[f] + (values[c] - values[f]) * (k - f)


def query_bench(bench, db, queries, reps):
    proc = subprocess.run([bench, "--db", db, "--queries", queries, "--reps", str(reps)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"pressa-query-bench on {db} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    # One line per timed run: query, repetition, wall ms, ...
    return [float(l.split("\t")[2]) for l in proc.stdout.splitlines() if l[:1].isdigit()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "../shared/corpus"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "build-bench/bin"))
    ap.add_argument("--queries", default=os.path.join(ROOT, "bench/queries/corpus.txt"))
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"bench/shards: no corpus at {args.corpus} (it needs ../shared; see bench/README.md)")
    bench = os.path.join(args.bin, "pressa-query-bench")
    if not os.path.exists(bench):
        sys.exit(f"bench/shards: no {bench}; build with -DPRESSA_BUILD_BENCH=ON or pass --bin")
    work = tempfile.mkdtemp(prefix="pressa-bench-shards-")
    try:
        inputs = {}
        for name in sorted(os.listdir(args.corpus)):
            if not name.endswith(".jsonl"):
                continue
            with open(os.path.join(args.corpus, name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        inputs.setdefault(shard_of(line), []).append(line)
        index = os.path.join(args.bin, "pressa-index")
        stub_lines = []
        for shard, lines in sorted(inputs.items()):
            src = os.path.join(work, "src", shard)
            os.makedirs(src)
            with open(os.path.join(src, "articles.jsonl"), "w", encoding="utf-8") as f:
                f.writelines(lines)
            subprocess.run([index, "-q", "--db", os.path.join(work, shard), src], check=True)
            stub_lines.append(f"auto {shard}\n")
            print(f"shard {shard}: {len(lines)} articles", flush=True)
        stub = os.path.join(work, "all.stub")
        with open(stub, "w") as f:
            f.writelines(stub_lines)
        # The same shards taking the choice of words with Xapian positions of the
        # one with the most text.
        reference = max(inputs, key=lambda shard: sum(len(line) for line in inputs[shard]))
        alike_lines = []
        for shard in sorted(inputs):
            if shard == reference:
                alike_lines.append(f"auto {shard}\n")
                continue
            subprocess.run([index, "-q", "--db", os.path.join(work, "alike", shard),
                            "--positions-like", os.path.join(work, reference),
                            os.path.join(work, "src", shard)], check=True)
            alike_lines.append(f"auto alike/{shard}\n")
        alike = os.path.join(work, "alike.stub")
        with open(alike, "w") as f:
            f.writelines(alike_lines)
        print(f"shards alike: --positions-like {reference}", flush=True)
        single = os.path.join(work, "single")
        subprocess.run([index, "-q", "--db", single, args.corpus], check=True)
        n = len(stub_lines)
        arms = {"one index": single, f"stub of {n} shards": stub,
                f"stub of {n} shards alike": alike}
        times = {name: [] for name in arms}
        for _ in range(args.rounds):
            for name, db in arms.items():
                times[name] += query_bench(bench, db, args.queries, args.reps)
        for name, values in times.items():
            print(f"{name:>23}: p50 {percentile(values, 0.5):.2f} ms, "
                  f"p95 {percentile(values, 0.95):.2f} ms, mean {sum(values) / len(values):.2f} ms "
                  f"({len(values)} searches)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
