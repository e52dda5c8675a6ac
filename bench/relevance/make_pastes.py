#!/usr/bin/env python3
"""Writes a known-item query set of pasted text, for bench/relevance/eval.py.

A journalist pastes a passage to find the article it came from. Three kinds, each built
from articles of ../shared/corpus drawn with a fixed seed (the same set every run):
  paste       a run of WORDS words from the middle of one article, as written;
  reworded    such a run with every fifth word replaced by a word of another article,
              so that (most likely) no article holds every word as typed;
  mixed       half a run from one article and half from another, either relevant
              (the query holds both articles' words, as two sources mixed do).
Only articles of at least 3 x WORDS words are drawn. Output: JSON lines with qid,
query, relevant[] and kind, the format of ../shared/eval/dev-queries.jsonl.

Usage: bench/relevance/make_pastes.py [--per-kind N] [--words W] [--seed S] > pastes.jsonl
Needs ../shared/corpus (set SHARED to look elsewhere).
"""
import argparse
import glob
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def articles(shared, min_words):
    for path in sorted(glob.glob(os.path.join(shared, 'corpus', '*.jsonl'))):
        with open(path, encoding='utf-8') as f:
            for line in f:
                rec = json.loads(line)
                words = rec.get('text', '').split()
                if len(words) >= min_words:
                    yield rec['id'], words


def middle_run(words, n, rng):
    start = rng.randrange(len(words) // 3, len(words) - n)
    return words[start:start + n]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--per-kind', type=int, default=40)
    ap.add_argument('--words', type=int, default=40)
    ap.add_argument('--seed', type=int, default=20261125)
    args = ap.parse_args()
    shared = os.path.abspath(os.environ.get('SHARED', os.path.join(HERE, '..', '..', '..',
                                                                    'shared')))
    if not glob.glob(os.path.join(shared, 'corpus', '*.jsonl')):
        sys.exit(f'make_pastes.py: the shared corpus is missing: expected '
                 f'{shared}/corpus/*.jsonl (set SHARED)')
    pool = list(articles(shared, 3 * args.words))
    rng = random.Random(args.seed)
    picked = rng.sample(pool, 5 * args.per_kind)
    out = []
    for i in range(args.per_kind):
        art_id, words = picked[i]
        run = middle_run(words, args.words, rng)
        out.append({'qid': f'paste-{i + 1}', 'kind': 'paste', 'query': ' '.join(run),
                    'relevant': [art_id]})
    for i in range(args.per_kind):
        art_id, words = picked[args.per_kind + i]
        _, other = picked[4 * args.per_kind + i]
        run = middle_run(words, args.words, rng)
        for k in range(4, len(run), 5):
            run[k] = rng.choice(other)
        out.append({'qid': f'reworded-{i + 1}', 'kind': 'reworded', 'query': ' '.join(run),
                    'relevant': [art_id]})
    for i in range(args.per_kind):
        (a_id, a_words), (b_id, b_words) = picked[2 * args.per_kind + 2 * i:
                                                  2 * args.per_kind + 2 * i + 2]
        half = args.words // 2
        run = middle_run(a_words, half, rng) + middle_run(b_words, half, rng)
        out.append({'qid': f'mixed-{i + 1}', 'kind': 'mixed', 'query': ' '.join(run),
                    'relevant': [a_id, b_id]})
    for q in out:
        print(json.dumps(q, ensure_ascii=False))


if __name__ == '__main__':
    main()
