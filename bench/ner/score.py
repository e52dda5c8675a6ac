#!/usr/bin/env python3
"""Scores Pressa's entity extraction against factRuEval-2016 dev and NEREL.

Runs `pressa-index --extract` on the gold texts (written as a JSON-lines temp
file with ids) and prints precision, recall and F1 per type, token-level and
exact-span, for the tuning part and the held-out part of each gold set:

  factRuEval-2016 dev (../shared/gold/factrueval-dev): Org -> org, Person ->
    person, Location -> place; LocOrg -> org as the issue asks (--locorg place
    gives the naeval-style mapping). Held out: every 5th book by number.
  NEREL v1.1 (../shared/gold/nerel): ORGANIZATION -> org, PERSON -> person,
    COUNTRY, CITY, STATE_OR_PROVINCE, DISTRICT, LOCATION -> place. Tuning on
    train, held out: dev.

Token level: every word token (\\w+) of the text carries the set of types of
the gold spans over it and the set of predicted types; per type, a token is a
true positive when both sets hold the type (nested gold spans thus count
once per type). Exact span: (type, start, end) triples, after trimming
quotes, brackets and punctuation at both ends of gold and predicted spans.

Usage: bench/ner/score.py [--bin build/bin/pressa-index] [--gold ../shared/gold]
         [--locorg org|place] [--errors FILE] [--only tune|heldout]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TYPES = ("org", "person", "place")
WORD = re.compile(r"\w+")
TRIM = " \t\r\n«»\"'“”„()[].,;:!?-–—"

NEREL_MAP = {"ORGANIZATION": "org", "PERSON": "person", "COUNTRY": "place",
             "CITY": "place", "STATE_OR_PROVINCE": "place", "DISTRICT": "place",
             "LOCATION": "place"}


def trim(text, start, end):
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def factru_objects(path, name):
    """The annotated objects of factRuEval book `name`: {object id: (kind,
    start, end)}, the offsets spanning all of the object's spans, in the
    file's order; objects without a span are left out."""
    spans = {}
    with open(os.path.join(path, name + ".spans"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 4:
                spans[parts[0]] = (int(parts[2]), int(parts[2]) + int(parts[3]))
    objects = {}
    with open(os.path.join(path, name + ".objects"), encoding="utf-8") as f:
        for line in f:
            head = line.split("#")[0].split()
            if len(head) < 3:
                continue
            ss = [spans[s] for s in head[2:] if s in spans]
            if ss:
                objects[head[0]] = (head[1], min(s for s, _ in ss), max(e for _, e in ss))
    return objects


def load_factru(path, locorg):
    docs = []
    names = sorted((f[:-4] for f in os.listdir(path) if f.endswith(".txt")),
                   key=lambda n: int(n.split("_")[1]))
    fmap = {"Org": "org", "Person": "person", "Location": "place",
            "LocOrg": "org" if locorg == "org" else "place"}
    for index, name in enumerate(names):
        with open(os.path.join(path, name + ".txt"), encoding="utf-8-sig") as f:
            text = f.read()
        gold = [(fmap[kind], s, e) for kind, s, e in factru_objects(path, name).values()
                if kind in fmap]
        split = "heldout" if index % 5 == 0 else "tune"
        docs.append({"id": "factru/" + name, "text": text, "gold": gold, "split": split})
    return docs


def load_nerel(path):
    docs = []
    for split_dir, split in (("train", "tune"), ("dev", "heldout")):
        d = os.path.join(path, split_dir)
        for name in sorted(f[:-4] for f in os.listdir(d) if f.endswith(".txt")):
            with open(os.path.join(d, name + ".txt"), encoding="utf-8") as f:
                text = f.read()
            gold = []
            ann = os.path.join(d, name + ".ann")
            if os.path.exists(ann):
                with open(ann, encoding="utf-8") as f:
                    for line in f:
                        if not line.startswith("T"):
                            continue
                        parts = line.rstrip("\n").split("\t")
                        if len(parts) < 2:
                            continue
                        fields = parts[1].split(" ")
                        if fields[0] not in NEREL_MAP or ";" in parts[1]:
                            continue
                        gold.append((NEREL_MAP[fields[0]], int(fields[1]), int(fields[2])))
            docs.append({"id": "nerel/%s/%s" % (split_dir, name), "text": text, "gold": gold,
                         "split": split})
    return docs


def run_extract(binary, docs):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "gold.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
        out = subprocess.run([binary, "--extract", path], capture_output=True, text=True)
        if out.returncode not in (0, 4):
            sys.exit("score.py: %s --extract failed (%d): %s" % (binary, out.returncode,
                                                               out.stderr.strip()))
    pred = {}
    for line in out.stdout.splitlines():
        if line.strip():
            j = json.loads(line)
            pred[j["id"]] = [(e["type"], e["start"], e["end"], e["text"], e["name"])
                             for e in j["entities"]]
    return pred


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(docs, pred, errors=None):
    tok = collections.Counter()
    ex = collections.Counter()
    for d in docs:
        text = d["text"]
        words = [(m.start(), m.end()) for m in WORD.finditer(text)]
        gold_labels = [set() for _ in words]
        pred_labels = [set() for _ in words]
        preds = pred.get(d["id"], [])
        for labels, spans in ((gold_labels, d["gold"]), (pred_labels, preds)):
            for span in spans:
                t, s, e = span[0], span[1], span[2]
                for i, (ws, we) in enumerate(words):
                    if ws < e and we > s:
                        labels[i].add(t)
        for g, p in zip(gold_labels, pred_labels):
            for t in TYPES:
                if t in g and t in p:
                    tok[t, "tp"] += 1
                elif t in p:
                    tok[t, "fp"] += 1
                elif t in g:
                    tok[t, "fn"] += 1
        gset = {(t,) + trim(text, s, e) for t, s, e in d["gold"]}
        pset = {(t,) + trim(text, s, e) for t, s, e, *_ in preds}
        for t in TYPES:
            gt = {x for x in gset if x[0] == t}
            pt = {x for x in pset if x[0] == t}
            ex[t, "tp"] += len(gt & pt)
            ex[t, "fp"] += len(pt - gt)
            ex[t, "fn"] += len(gt - pt)
        if errors is not None:
            for x in sorted(pset - gset, key=lambda x: x[1]):
                errors.write("FP\t%s\t%s\t%s\n" % (d["id"], x[0], text[x[1]:x[2]]))
            for x in sorted(gset - pset, key=lambda x: x[1]):
                errors.write("FN\t%s\t%s\t%s\n" % (d["id"], x[0], text[x[1]:x[2]]))
    return tok, ex


def report(title, tok, ex):
    print("%s" % title)
    print("  %-7s | token P    R    F1   | exact P    R    F1" % "type")
    for t in TYPES:
        tp, tr, tf = prf(tok[t, "tp"], tok[t, "fp"], tok[t, "fn"])
        ep, er, ef = prf(ex[t, "tp"], ex[t, "fp"], ex[t, "fn"])
        print("  %-7s |   %.3f %.3f %.3f  |   %.3f %.3f %.3f" % (t, tp, tr, tf, ep, er, ef))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin", "pressa-index"))
    ap.add_argument("--gold", default=os.path.join(ROOT, "..", "shared", "gold"))
    ap.add_argument("--locorg", choices=("org", "place"), default="org")
    ap.add_argument("--errors", help="write false positives/negatives here (tuning part only)")
    ap.add_argument("--only", choices=("tune", "heldout"))
    args = ap.parse_args()
    factru = os.path.join(args.gold, "factrueval-dev")
    nerel = os.path.join(args.gold, "nerel")
    if not os.path.isdir(factru) and not os.path.isdir(nerel):
        sys.exit("score.py: gold sets not found under %s (../shared/gold is missing); "
                 "nothing to score" % os.path.abspath(args.gold))
    if not os.access(args.bin, os.X_OK):
        sys.exit("score.py: %s not found; build first (make) or pass --bin" % args.bin)
    sets = []
    if os.path.isdir(factru):
        sets.append(("factRuEval-2016 dev (LocOrg->%s)" % args.locorg,
                     load_factru(factru, args.locorg)))
    else:
        print("score.py: %s missing, skipped" % factru)
    if os.path.isdir(nerel):
        sets.append(("NEREL v1.1", load_nerel(nerel)))
    else:
        print("score.py: %s missing, skipped" % nerel)
    errors = open(args.errors, "w", encoding="utf-8") if args.errors else None
    for name, docs in sets:
        pred = run_extract(args.bin, docs)
        for split in ("tune", "heldout"):
            if args.only and split != args.only:
                continue
            part = [d for d in docs if d["split"] == split]
            tok, ex = score(part, pred, errors if split == "tune" else None)
            report("%s, %s (%d docs)" % (name, "tuned on" if split == "tune" else "held out",
                                         len(part)), tok, ex)
    if errors:
        errors.close()


if __name__ == "__main__":
    main()
