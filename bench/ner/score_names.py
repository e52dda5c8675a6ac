#!/usr/bin/env python3
"""Scores the names Pressa gives the entities it finds against factRuEval-2016's.

score.py scores where the mentions are; this scores what they are called: the
name a mention gets is the value a facet shows and a filter matches, and it
should be the nominative ("Василий Анохин" for "Анохину"). factRuEval-2016's
coreference layer (book_*.coref) names every chain of mentions in normal form:
firstname and lastname for a person, name for a place or an organization.
For each gold mention of a person or a place that a predicted mention of the
same type overlaps, the predicted name is compared with the chain's (case and
ё folded, quotes dropped):
  person: the surname (the predicted name's last word against lastname), and the
    whole name where the chain gives a first name and the prediction has two
    words or more (first and last word against firstname lastname);
  place: the whole name.
Organizations are not scored: the gold names keep the text's words as written
("мэрия Москвы") where Pressa's keep an organization's own capitalisation.
Prints the share right per part (tuning: books not divisible by 5, held out:
every 5th, as score.py) and, with --errors FILE, each wrong name.
Usage: bench/ner/score_names.py [--bin build/bin/pressa-index] [--gold ../shared/gold]
         [--errors FILE]
"""
import argparse
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score  # noqa: E402  (the factRuEval readers and run_extract)

ROOT = os.path.dirname(os.path.dirname(HERE))


def fold(name):
    name = name.lower().replace("ё", "е")
    name = re.sub(r"[«»\"“”„]", "", name)
    return " ".join(name.split())


def load_chains(path, name):
    """Gold mentions of `name`: (type, start, end, chain attributes)."""
    objects = score.factru_objects(path, name)
    mentions = []
    with open(os.path.join(path, name + ".coref"), encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    for block in blocks:
        lines = [l for l in block.strip().split("\n") if l.strip()]
        if not lines:
            continue
        ids = lines[0].split()[1:]
        attrs = {}
        for l in lines[1:]:
            key, _, value = l.partition(" ")
            attrs.setdefault(key, value.strip())
        for i in ids:
            if i in objects:
                kind, s, e = objects[i]
                mentions.append((kind, s, e, attrs))
    return mentions


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin", "pressa-index"))
    ap.add_argument("--gold", default=os.path.join(ROOT, "..", "shared", "gold"))
    ap.add_argument("--errors", help="write each wrong name here")
    args = ap.parse_args()
    path = os.path.join(args.gold, "factrueval-dev")
    if not os.path.isdir(path):
        sys.exit("score_names.py: %s not found (../shared/gold is missing); nothing to score"
                 % os.path.abspath(path))
    if not os.access(args.bin, os.X_OK):
        sys.exit("score_names.py: %s not found; build first (make) or pass --bin" % args.bin)
    docs = score.load_factru(path, "org")
    pred = score.run_extract(args.bin, docs)
    counts = collections.Counter()
    errors = open(args.errors, "w", encoding="utf-8") if args.errors else None
    for d in docs:
        name = d["id"].split("/", 1)[1]
        ours = pred.get(d["id"], [])
        for kind, s, e, attrs in load_chains(path, name):
            want = {"Person": "person", "Location": "place"}.get(kind)
            if want is None:
                continue
            best, best_overlap = None, 0
            for t, ps, pe, _text, pname in ours:
                overlap = min(e, pe) - max(s, ps)
                if t == want and overlap > best_overlap:
                    best, best_overlap = pname, overlap
            if best is None:
                continue
            got = fold(best).split()
            checks = []
            if want == "person":
                last = attrs.get("lastname") or attrs.get("lastname1")
                first = attrs.get("firstname") or attrs.get("firstname1")
                if last:
                    checks.append(("person surname", got[-1:] == fold(last).split()[-1:]))
                    if first and len(got) >= 2:
                        checks.append(("person full name",
                                       [got[0], got[-1]] == [fold(first).split()[0],
                                                             fold(last).split()[-1]]))
                gold_name = " ".join(x for x in (first, last) if x)
            else:
                gold_name = attrs.get("name")
                if gold_name:
                    checks.append(("place", got == fold(gold_name).split()))
            for part, right in checks:
                counts[d["split"], part, right] += 1
                if not right and errors:
                    errors.write("%s\t%s\t%s\t%s\tgold: %s\n" % (
                        d["id"], part, d["text"][s:e].replace("\n", " "), best, gold_name))
    print("factRuEval-2016 dev: predicted names against the coreference layer's normal forms")
    print("  %-17s | tuning            | held out" % "")
    for part in ("person surname", "person full name", "place"):
        cells = []
        for split in ("tune", "heldout"):
            right, wrong = counts[split, part, True], counts[split, part, False]
            total = right + wrong
            cells.append("%.3f (%4d of %4d)" % (right / total if total else 0.0, right, total))
        print("  %-17s | %s | %s" % (part, cells[0], cells[1]))


if __name__ == "__main__":
    main()
