#!/usr/bin/env python3
"""bench/reindex: what a nightly pressa-index run costs next to a full rebuild.

On a copy of ../shared/corpus (29,512 articles) as a seed-format tree (one file per
article, via ../shared/tools/jsonl_to_tree.py) and/or as JSON lines, it measures:
  1. a full build (fresh index) and a --rebuild;
  2. a run with nothing changed;
  3. a "nightly" run after 1% of the articles changed, 1% were added and 1% deleted.
Prints a table and writes CSV. Usage:
  bench/reindex/run.py [--corpus DIR] [--bin DIR] [--format tree|jsonl|both] [--csv FILE]
"""
import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../.."))


def measure(cmd):
    """Runs cmd under /usr/bin/time; returns (wall s, cpu s, peak RSS MB, summary line)."""
    proc = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S %M"] + cmd,
                          capture_output=True, text=True)
    if proc.returncode not in (0, 4):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    stats = [l for l in proc.stderr.splitlines() if l.startswith("TIME ")][-1].split()[1:]
    wall, user, sys_s, rss_kb = float(stats[0]), float(stats[1]), float(stats[2]), int(stats[3])
    return wall, user + sys_s, rss_kb / 1024, proc.stdout.strip().splitlines()[-1]


def mutate_tree(tree, rng, fraction):
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(tree) for f in fs if f.endswith(".txt"))
    k = max(1, int(len(files) * fraction))
    picked = rng.sample(files, 3 * k)
    changed, deleted, templates = picked[:k], picked[k:2 * k], picked[2 * k:]
    for path in changed:
        with open(path, "a", encoding="utf-8") as f:
            f.write("Дополнение редакции: материал обновлён.\n")
    for path in deleted:
        os.remove(path)
    for i, path in enumerate(templates):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(os.path.dirname(path), f"nightly_new_{i}.txt"), "w",
                  encoding="utf-8") as f:
            f.write(text + f"Новая публикация номер {i}.\n")
    return k


def mutate_jsonl(folder, rng, fraction):
    import json
    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".jsonl"))
    lines = {p: open(p, encoding="utf-8").read().splitlines() for p in paths}
    index = [(p, i) for p in paths for i in range(len(lines[p]))]
    k = max(1, int(len(index) * fraction))
    picked = rng.sample(index, 3 * k)
    for p, i in picked[:k]:  # changed
        d = json.loads(lines[p][i])
        d["text"] += " Дополнение редакции: материал обновлён."
        lines[p][i] = json.dumps(d, ensure_ascii=False)
    for n, (p, i) in enumerate(picked[2 * k:]):  # added (new ids, appended)
        d = json.loads(lines[p][i])
        d["id"] = f"nightly-new-{n}"
        lines[p].append(json.dumps(d, ensure_ascii=False))
    for p, i in picked[k:2 * k]:  # deleted
        lines[p][i] = None
    for p in paths:
        with open(p, "w", encoding="utf-8") as f:
            f.writelines(line + "\n" for line in lines[p] if line is not None)
    return k


def bench(fmt, src, index, work, rows, fraction, extra):
    db = os.path.join(work, f"db-{fmt}")
    run = lambda *a: measure([index, "--db", db, "-q", *extra, *a, src])
    steps = [("full build (fresh)", ()), ("--rebuild", ("--rebuild",)),
             ("nothing changed", ())]
    results = {}
    for name, args in steps:
        results[name] = run(*args)
    k = (mutate_tree if fmt == "tree" else mutate_jsonl)(src, random.Random(7), fraction)
    results[f"nightly: {k} changed, {k} added, {k} deleted"] = run()
    results["nothing changed (after nightly)"] = run()
    full = results["--rebuild"]
    for name, (wall, cpu, rss, line) in results.items():
        rows.append({"format": fmt, "run": name, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                     "wall_vs_rebuild": f"{100 * wall / full[0]:.1f}%",
                     "cpu_vs_rebuild": f"{100 * cpu / full[1]:.1f}%",
                     "peak_rss_mb": round(rss), "summary": line.split(": ", 1)[-1]})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "../shared/corpus"))
    ap.add_argument("--bin", default=os.environ.get("PRESSA_BIN", os.path.join(ROOT, "build/bin")))
    ap.add_argument("--format", choices=("tree", "jsonl", "both"), default="both")
    ap.add_argument("--fraction", type=float, default=0.01)
    ap.add_argument("--csv", default=os.path.join(HERE, "results.csv"))
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    args, extra = ap.parse_known_args()
    # argparse keeps the "--" before pressa-index's options; passed on, it
    # would make them (and --rebuild after them) input paths.
    if extra[:1] == ["--"]:
        extra = extra[1:]
    corpus = os.path.normpath(args.corpus)
    jsonls = sorted(f for f in os.listdir(corpus) if f.endswith(".jsonl")) if os.path.isdir(corpus) else []
    if not jsonls:
        print(f"bench/reindex: corpus not found at {corpus} (../shared/corpus is not part of the "
              "repository); nothing measured.", file=sys.stderr)
        return 77
    index = os.path.join(args.bin, "pressa-index")
    if not os.access(index, os.X_OK):
        sys.exit(f"bench/reindex: {index} not built (make, or --bin DIR)")
    work = tempfile.mkdtemp(prefix="pressa-bench-reindex-")
    rows = []
    try:
        formats = ("tree", "jsonl") if args.format == "both" else (args.format,)
        for fmt in formats:
            src = os.path.join(work, fmt)
            if fmt == "jsonl":
                os.makedirs(src)
                for f in jsonls:
                    shutil.copy(os.path.join(corpus, f), src)
            else:
                tool = os.path.join(corpus, "../tools/jsonl_to_tree.py")
                subprocess.run([sys.executable, tool, src] + [os.path.join(corpus, f) for f in jsonls],
                               check=True)
            bench(fmt, src, index, work, rows, args.fraction, extra)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    with open(args.csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"{'format':6} {'run':42} {'wall s':>8} {'cpu s':>8} {'wall%':>7} {'cpu%':>7} {'RSS MB':>7}")
    for r in rows:
        print(f"{r['format']:6} {r['run']:42} {r['wall_s']:8.2f} {r['cpu_s']:8.2f} "
              f"{r['wall_vs_rebuild']:>7} {r['cpu_vs_rebuild']:>7} {r['peak_rss_mb']:7}")
    print(f"(percentages relative to --rebuild; CSV: {args.csv})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
