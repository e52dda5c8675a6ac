#!/usr/bin/env python3
"""End-to-end test of an index written in an older schema (core/schema.h kSchemaVersion):
the searcher refuses it with a clear message instead of wrong facets, and the next
pressa-index run rebuilds it (a new generation swapped in, as --rebuild does) and says so.
An index from a newer Pressa is refused by both. The schema stamp is rewritten with
xapian-metadata (Debian xapian-tools); exit 77 (skipped) when it is missing."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("PRESSA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))
CORPUS = os.path.join(SRC, "corpus")
INDEX = os.path.join(BIN, "pressa-index")
SEARCH = os.path.join(BIN, "pressa-search")
METADATA = shutil.which("xapian-metadata")


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=120)


def live_generation(db):
    with open(os.path.join(db, "XAPIANDB")) as f:
        return os.path.join(db, f.read().split()[1])


def stamp(db, version):
    """Rewrites the schema stamp of the live generation, as an older or newer Pressa wrote it."""
    proc = run(METADATA, "set", live_generation(db), "pressa.schema", str(version))
    assert proc.returncode == 0, proc.stderr


class SchemaUpgradeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-upgrade-")
        cls.fresh = os.path.join(cls.tmp, "fresh")
        proc = run(INDEX, "--db", cls.fresh, "--quiet", CORPUS)
        assert proc.returncode == 0, proc.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def copy_of_fresh(self, name):
        db = os.path.join(self.tmp, name)
        shutil.copytree(self.fresh, db)
        return db

    def search(self, db, *args):
        return run(SEARCH, "--db", db, "--format", "json", *args)

    def test_older_index_is_refused_then_rebuilt_by_the_next_run(self):
        db = self.copy_of_fresh("old")
        stamp(db, 1)
        proc = self.search(db, "экспорт")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("pressa-index --rebuild", proc.stderr)
        self.assertIn("schema 1", proc.stderr)
        self.assertEqual(proc.stdout, "")

        before = live_generation(db)
        report = os.path.join(self.tmp, "report.json")
        proc = run(INDEX, "--db", db, "--report", report, CORPUS)  # no --rebuild
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("older format (schema 1)", proc.stderr)
        with open(report) as f:
            self.assertEqual(json.load(f)["mode"], "rebuild")
        self.assertNotEqual(live_generation(db), before)

        # The rebuilt index answers as a fresh one does, facets included.
        for args in (["экспорт"], ["--org", "Российский экспортный центр"], ["Россия"]):
            with self.subTest(args=args):
                got, want = self.search(db, *args), self.search(self.fresh, *args)
                self.assertEqual(got.returncode, 0, got.stderr)
                self.assertEqual(json.loads(got.stdout), json.loads(want.stdout))
        # And the next run is an ordinary incremental one.
        proc = run(INDEX, "--db", db, "--report", report, "--quiet", CORPUS)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(report) as f:
            self.assertEqual(json.load(f)["mode"], "incremental")

    def test_newer_index_is_left_alone(self):
        db = self.copy_of_fresh("newer")
        stamp(db, 99)
        before = live_generation(db)
        proc = run(INDEX, "--db", db, CORPUS)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("newer Pressa", proc.stderr)
        self.assertEqual(live_generation(db), before)
        proc = self.search(db, "экспорт")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("newer Pressa", proc.stderr)


if __name__ == "__main__":
    if METADATA is None:
        print("skipped: xapian-metadata not found (apt-get install xapian-tools)")
        sys.exit(77)
    unittest.main()
