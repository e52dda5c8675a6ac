#!/usr/bin/env python3
"""bench/index_pair: Pressa's indexing time against PostgreSQL's, the two run by turns.

This VM's speed drifts by 10-20% from one minute to the next, and bench/run times Pressa's
indexing minutes before the peers': its ratio moved between 0.9x and 1.2x from run to run.
Here each pair indexes ../shared/corpus with pressa-index (a fresh index, one builder per
core, as bench/run) and then loads the same articles into PostgreSQL through the peers'
harness (run_peers.sh with PEERS=pg: its convert, COPY, GIN index and checkpoint, the
'total' bench/run reports), so both see nearly the same minute. Prints each pair and the
median of the per-pair ratios (PostgreSQL's time over Pressa's; above 1 Pressa is faster).
With --floor, each pair also times Xapian's own share of that build: pressa-xapian-floor
writes the documents of the index Pressa just built again from memory (two writers and the
compaction, as pressa-index; nothing read, analysed or extracted), the least any indexer
writing that index through Xapian can take. Its time over PostgreSQL's is printed too.
Usage:
  bench/index_pair.py [--pairs N] [--floor] [--bin DIR] [--workdir DIR]
Needs ../shared (the corpus and tools/peers; set SHARED to look elsewhere), PostgreSQL 15
and a build with the benchmarks (bench/run installs the one and makes build-bench/).
"""
import argparse
import csv
import glob
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
PY = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') else sys.executable


def pressa_index(bins, db, inputs):
    shutil.rmtree(db, ignore_errors=True)
    t0 = time.perf_counter()
    r = subprocess.run([os.path.join(bins, 'pressa-index'), '--db', db, '--quiet'] + inputs,
                       capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode not in (0, 4):
        sys.exit(f'bench/index_pair: pressa-index failed ({r.returncode}): {r.stderr[-2000:]}')
    return wall


def xapian_floor(bins, db, workdir):
    """pressa-xapian-floor's total wall s for the documents of `db` (two writers)."""
    r = subprocess.run([os.path.join(bins, 'pressa-xapian-floor'), db,
                        os.path.join(workdir, 'pair-floor'), '2'],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'bench/index_pair: pressa-xapian-floor failed ({r.returncode}): {r.stderr}')
    shutil.rmtree(os.path.join(workdir, 'pair-floor'), ignore_errors=True)
    return float(r.stdout.split('total ')[1].split(' s')[0])


def pg_load(shared, tree, queries, workdir, out):
    """run_peers.sh with PostgreSQL alone and one query timed once; its total wall s."""
    env = dict(os.environ, WORKDIR=os.path.join(workdir, 'peers-pair'), RESULTS=out,
               RUN_ID='peers-pair', PEERS='pg', REPS='1', WARMUP='0', PG_PROC_REPS='0')
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'run_peers.log'), 'w') as log:
        r = subprocess.run([os.path.join(shared, 'tools/peers/run_peers.sh'), tree, queries],
                           env=env, stdout=log, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        sys.exit(f'bench/index_pair: run_peers.sh failed ({r.returncode}); see {out}/run_peers.log')
    with open(os.path.join(out, 'results.csv'), encoding='utf-8') as f:
        for rec in csv.DictReader(f):
            if rec['peer'] == 'pg' and rec['mode'] == 'total' and rec['metric'] == 'wall_s':
                return float(rec['value'])
    sys.exit(f'bench/index_pair: no PostgreSQL total in {out}/results.csv')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--pairs', type=int, default=5)
    ap.add_argument('--floor', action='store_true',
                    help="also time Xapian's own share (pressa-xapian-floor) in each pair")
    ap.add_argument('--bin', default=os.path.join(SRC, 'build-bench/bin'))
    ap.add_argument('--workdir', default=os.environ.get('WORKDIR', '/tmp/pressa-bench'))
    args = ap.parse_args()
    shared = os.path.abspath(os.environ.get('SHARED', os.path.join(SRC, '..', 'shared')))
    inputs = sorted(glob.glob(os.path.join(shared, 'corpus', '*.jsonl')))
    if not inputs or not os.path.exists(os.path.join(shared, 'tools/peers/run_peers.sh')):
        sys.exit(f'bench/index_pair: the shared benchmark data is missing: expected '
                 f'{shared}/corpus/*.jsonl and {shared}/tools/peers/ (set SHARED)')
    if not os.path.exists(os.path.join(args.bin, 'pressa-index')):
        sys.exit(f'bench/index_pair: no pressa-index in {args.bin}; run bench/run or pass --bin')
    os.makedirs(args.workdir, exist_ok=True)
    tree = os.path.join(args.workdir, 'tree')
    if not os.path.isdir(tree):
        print(f'converting the corpus to a seed-format tree in {tree}', flush=True)
        subprocess.run([PY, os.path.join(shared, 'tools/jsonl_to_tree.py'), tree] + inputs,
                       check=True, stdout=subprocess.DEVNULL)
    queries = os.path.join(args.workdir, 'pair-query.txt')
    with open(queries, 'w', encoding='utf-8') as f:
        f.write('экспорт\n')
    db = os.path.join(args.workdir, 'pair-db')
    ratios, floors = [], []
    for i in range(args.pairs):
        pressa = pressa_index(args.bin, db, inputs)
        floor = xapian_floor(args.bin, db, args.workdir) if args.floor else None
        pg = pg_load(shared, tree, queries, args.workdir, os.path.join(args.workdir, 'pair-pg'))
        ratios.append(pg / pressa)
        line = (f'pair {i + 1}/{args.pairs}: pressa-index {pressa:.1f} s, PostgreSQL {pg:.1f} s, '
                f'{pg / pressa:.2f}x')
        if floor is not None:
            floors.append(floor / pg)
            line += f'; Xapian floor {floor:.1f} s, {floor / pg:.2f} of PostgreSQL\'s time'
        print(line, flush=True)
    shutil.rmtree(db, ignore_errors=True)
    print(f'median of {len(ratios)} pairs: {statistics.median(ratios):.2f}x '
          f'(range {min(ratios):.2f}-{max(ratios):.2f}x)')
    if floors:
        print(f'Xapian floor: median {statistics.median(floors):.2f} of PostgreSQL\'s time '
              f'(range {min(floors):.2f}-{max(floors):.2f}); 1.5x PostgreSQL is 0.67')


if __name__ == '__main__':
    main()
