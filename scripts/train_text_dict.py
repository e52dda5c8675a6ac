#!/usr/bin/env python3
"""Trains the zstd dictionary that compresses stored article text (core/stored_text.zdict).

Usage: scripts/train_text_dict.py CORPUS_DIR [OUT]   (needs the Debian zstd tool)

Samples every 10th article (title + text) of the JSON-lines files under CORPUS_DIR.
The dictionary is part of the index format: documents name it by its id, so a
retrained one must get a new id (zstd picks a random one) and the old file must
stay decodable -- never replace core/stored_text.zdict in place.
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    corpus = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "core", "stored_text.zdict")
    if not os.path.isdir(corpus):
        sys.exit(f"{corpus}: no such corpus directory")
    with tempfile.TemporaryDirectory() as tmp:
        n = 0
        for name in sorted(os.listdir(corpus)):
            if not name.endswith(".jsonl"):
                continue
            with open(os.path.join(corpus, name), encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if i % 10 or not line.strip():
                        continue
                    doc = json.loads(line)
                    sample = (doc.get("title") or "") + "\n" + (doc.get("text") or "")
                    with open(os.path.join(tmp, f"{n:06d}"), "w", encoding="utf-8") as s:
                        s.write(sample)
                    n += 1
        subprocess.run(["zstd", "--train", "-q", "-r", tmp, "--maxdict=262144", "-f", "-o", out],
                       check=True)
        print(f"{out}: trained on {n} articles")


if __name__ == "__main__":
    main()
