#!/usr/bin/env python3
"""End-to-end: each index trains its own stored-text dictionary on its first build, keeps
it through incremental runs, and a stub over indexes with different dictionaries reads them
all (the real binaries; exit 77 when xapian-metadata, from xapian-tools, is missing)."""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
METADATA = shutil.which("xapian-metadata")


def run(*args):
    proc = subprocess.run(list(args), capture_output=True, timeout=300)
    if proc.returncode != 0:
        raise AssertionError(f"{args} exited {proc.returncode}: {proc.stderr.decode()}")
    return proc


def write_articles(path, prefix, words, n, seed):
    """n news-like articles (about 5 KB each) from `words`, ids prefix-0..n-1."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(rng.choice(words) + ("." if k % 11 == 10 else "")
                            for k in range(600))
            f.write(json.dumps({"id": f"{prefix}-{i}", "title": f"Новости {i}",
                                "date": "2025-03-01", "text": text},
                               ensure_ascii=False) + "\n")


COMMON = ["правительство", "области", "сообщил", "заявил", "в", "на", "по", "году",
          "рублей", "предприятие", "министр", "поддержки"]


class TextDictionaryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-dict-")
        cls.a_in = os.path.join(cls.tmp, "a")
        cls.b_in = os.path.join(cls.tmp, "b")
        os.makedirs(cls.a_in)
        os.makedirs(cls.b_in)
        # More than textdict::kMinSampleBytes (1 MB) each, different vocabularies.
        write_articles(os.path.join(cls.a_in, "a.jsonl"), "a", COMMON + ["комбайн", "урожай"],
                       260, 1)
        write_articles(os.path.join(cls.b_in, "b.jsonl"), "b", COMMON + ["ледокол", "гавань"],
                       260, 2)
        cls.a_db = os.path.join(cls.tmp, "a.db")
        cls.b_db = os.path.join(cls.tmp, "b.db")
        run(os.path.join(BIN, "pressa-index"), "--db", cls.a_db, "--quiet", cls.a_in)
        run(os.path.join(BIN, "pressa-index"), "--db", cls.b_db, "--quiet", cls.b_in)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def dictionary(self, db):
        return run(METADATA, "get", os.path.join(db, "XAPIANDB"), "pressa.zdict").stdout

    def search(self, db, *args):
        out = run(os.path.join(BIN, "pressa-search"), "--db", db, "--format", "json", *args)
        return json.loads(out.stdout)

    def test_each_index_has_its_own_dictionary(self):
        a, b = self.dictionary(self.a_db), self.dictionary(self.b_db)
        self.assertGreater(len(a), 1000)
        self.assertGreater(len(b), 1000)
        self.assertNotEqual(a, b)

    def test_snippets_come_from_the_compressed_text(self):
        results = self.search(self.a_db, "комбайн")["results"]
        self.assertTrue(results)
        self.assertIn("комбайн", results[0]["snippet"].lower())

    def test_a_stub_reads_shards_with_different_dictionaries(self):
        stub = os.path.join(self.tmp, "all.stub")
        with open(stub, "w") as f:
            f.write(f"auto {self.a_db}\nauto {self.b_db}\n")
        for word, prefix in (("ледокол", "b-"), ("комбайн", "a-")):
            results = self.search(stub, "--limit", "20", word)["results"]
            self.assertEqual(len(results), 20)
            for r in results:
                self.assertTrue(r["id"].startswith(prefix), r["id"])
                self.assertIn(word, r["snippet"].lower())

    def test_incremental_runs_keep_the_dictionary(self):
        db = os.path.join(self.tmp, "inc.db")
        src = os.path.join(self.tmp, "inc")
        shutil.copytree(self.a_in, src)
        run(os.path.join(BIN, "pressa-index"), "--db", db, "--quiet", src)
        before = self.dictionary(db)
        with open(os.path.join(src, "new.jsonl"), "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "new-1", "date": "2025-04-01",
                                "text": "Губернатор осмотрел новый элеватор и комбайн."},
                               ensure_ascii=False) + "\n")
        run(os.path.join(BIN, "pressa-index"), "--db", db, "--quiet", src)
        self.assertEqual(self.dictionary(db), before)
        results = self.search(db, "элеватор")["results"]
        self.assertEqual([r["id"] for r in results], ["new-1"])
        self.assertIn("элеватор", results[0]["snippet"])


if __name__ == "__main__":
    if METADATA is None:
        print("xapian-metadata (xapian-tools) is not installed: skipped")
        sys.exit(77)
    unittest.main()
