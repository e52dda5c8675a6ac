#!/usr/bin/env python3
"""Rebuilds indexer/entities/entity_mined.tsv from the TUNING part of the gold
sets (NEREL train, factRuEval dev minus every 5th book): the names annotated
there become gazetteer entries (places, organizations), first names and
surnames. The held-out part (NEREL dev, every 5th factRuEval book) is never
read, so bench/ner/score.py's held-out figures stay honest.

Usage: bench/ner/mine_gazetteers.py [--gold ../shared/gold] [--out FILE]
Licences: NEREL is CC BY 2.5, factRuEval-2016 MIT (see their LICENSE files).
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

PREPOSITIONS = {"в", "во", "на", "по", "с", "со", "из", "к", "у", "о", "об", "от", "до", "за",
                "под", "над", "при", "для", "и", "а", "но", "что", "как", "это"}
TOKEN = re.compile(r"[\w][\w'’-]*")
NOMINATIVE_BAD_ENDINGS = ("ы", "е", "у", "и", "ой", "ом", "ем", "ою", "ей", "ью", "ым", "им")


ENDING = re.compile(r"(ами|ями|ах|ях|ой|ей|ом|ем|ью|ов|ев|ым|им|а|я|ы|и|е|у|ю)$")


def crude_key(surface):
    """Groups inflected forms of one name: each word without its case ending."""
    return " ".join(ENDING.sub("", w) for w in surface.lower().split())


def display_of(surfaces):
    """The surface most likely nominative: the most frequent one without an
    oblique-case ending, else the most frequent one."""
    ranked = [s for s, _ in surfaces.most_common()]
    for s in ranked:
        last = s.split()[-1].lower()
        if not last.endswith(NOMINATIVE_BAD_ENDINGS):
            return s
    return ranked[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=os.path.join(score.ROOT, "..", "shared", "gold"))
    ap.add_argument("--out", default=os.path.join(score.ROOT, "indexer", "entities",
                                                  "entity_mined.tsv"))
    args = ap.parse_args()
    factru = os.path.join(args.gold, "factrueval-dev")
    nerel = os.path.join(args.gold, "nerel")
    if not os.path.isdir(factru) or not os.path.isdir(nerel):
        sys.exit("mine_gazetteers.py: gold sets not found under %s" % os.path.abspath(args.gold))
    docs = [d for d in score.load_factru(factru, "place") + score.load_nerel(nerel)
            if d["split"] == "tune"]
    lower_words = set()
    for d in docs:
        lower_words.update(w for w in TOKEN.findall(d["text"]) if w[:1].islower())

    names = {"place": collections.defaultdict(collections.Counter),
             "org": collections.defaultdict(collections.Counter)}
    type_votes = collections.defaultdict(collections.Counter)
    first = collections.defaultdict(collections.Counter)
    first_docs = collections.defaultdict(set)
    surnames = collections.Counter()
    for d in docs:
        text = d["text"]
        for t, s, e in d["gold"]:
            surface = " ".join(text[s:e].split()).strip(score.TRIM)
            toks = TOKEN.findall(surface)
            if not toks or not surface[:1].isupper() or len(toks) > 5:
                continue
            if t in ("place", "org"):
                words = surface.split()
                # A common word capitalised at a sentence start (Сегодня, Союз)
                # or a phrase opening with a preposition is not a name.
                if t == "org" and len(words) == 1 and surface.lower() in lower_words:
                    continue
                if words[0].lower() in PREPOSITIONS:
                    continue
                key = surface.lower()
                names[t][key][surface] += 1
                type_votes[key][t] += 1
            elif t == "person":
                if any(len(x) == 1 for x in toks):
                    toks = [x for x in toks if len(x) > 1]
                    if toks:
                        surnames[toks[-1]] += 1
                    continue
                if len(toks) >= 2:
                    first[toks[0].lower()][toks[0]] += 1
                    first_docs[toks[0].lower()].add(d["id"])
                    surnames[toks[-1]] += 1
                else:
                    surnames[toks[0]] += 1

    out = ["# Mined by bench/ner/mine_gazetteers.py from the tuning part of NEREL (CC BY 2.5)",
           "# and factRuEval-2016 (MIT); do not edit by hand, re-run the script.",
           "# place|org<TAB>display<TAB>other surfaces...  /  first<TAB>surface<TAB>m|f  /  surname<TAB>surface"]
    for t in ("place", "org"):
        groups = collections.defaultdict(collections.Counter)
        for key in names[t]:
            if type_votes[key].most_common(1)[0][0] != t:
                continue
            groups[crude_key(key)].update(names[t][key])
        for group in sorted(groups):
            surfaces = groups[group]
            display = display_of(surfaces)
            rest = sorted(x for x in surfaces if x != display)
            out.append("\t".join([t, display] + rest))
    first_lower = set()
    for key in sorted(first):
        if len(first_docs[key]) < 2 or key in lower_words:
            continue
        first_lower.add(key)
        surface = first[key].most_common(1)[0][0]
        gender = "f" if key.endswith(("а", "я")) else "m"
        out.append("first\t%s\t%s" % (surface, gender))
    for surface in sorted(surnames):
        if surface.lower() in first_lower or surface.lower() in lower_words:
            continue
        if not surface[:1].isupper() or surface.isupper():
            continue
        out.append("surname\t%s" % surface)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("mine_gazetteers.py: %d lines -> %s" % (len(out), args.out))


if __name__ == "__main__":
    main()
