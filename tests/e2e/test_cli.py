#!/usr/bin/env python3
"""End-to-end tests of pressa-index and pressa-search on corpus/ (the real binaries)."""
import json
import os
import resource
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("PRESSA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))
CORPUS = os.path.join(SRC, "corpus")
BAD = os.path.join(SRC, "tests", "data", "bad")

S000 = "000_79f07d462ba013fb"
S001 = "001_037b14092a5c3520"
S002 = "002_ee175092d8c4b24f"
S003 = "003_799d120832a90aa3"
S004 = "004_a95601593f415e8e"


def run(*args, check=True):
    proc = subprocess.run(list(args), capture_output=True, text=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"{args} exited {proc.returncode}: {proc.stderr}")
    return proc


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-e2e-")
        cls.db = os.path.join(cls.tmp, "db")
        cls.index = run(os.path.join(BIN, "pressa-index"), "--db", cls.db, CORPUS)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def search(self, *args, check=True):
        proc = run(os.path.join(BIN, "pressa-search"), "--db", self.db, "--format", "json",
                   *args, check=check)
        return json.loads(proc.stdout) if proc.returncode == 0 else proc

    def ids(self, *args):
        return [r["id"] for r in self.search("--limit", "100", *args)["results"]]

    def test_stub_of_many_shards_under_a_low_open_file_limit(self):
        # An archive sharded by month lists hundreds of shards in its stub, and
        # each holds its tables open: under a soft limit of 256 open files the
        # search raises its limit to the hard one instead of failing.
        with open(os.path.join(self.db, "XAPIANDB")) as f:
            live = os.path.join(self.db, f.read().split()[1])
        stub = os.path.join(self.tmp, "many-shards.stub")
        with open(stub, "w") as f:
            f.write(f"auto {live}\n" * 150)
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        if hard != resource.RLIM_INFINITY and hard < 2048:
            self.skipTest(f"the hard limit on open files ({hard}) is too low")

        def low_soft_limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))

        proc = subprocess.run([os.path.join(BIN, "pressa-search-inproc"), "--db", stub,
                               "--format", "json", "экспорт"], capture_output=True, text=True,
                              timeout=120, preexec_fn=low_soft_limit)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(json.loads(proc.stdout)["total"], 150 * self.search("экспорт")["total"])

    def test_index_summary_reports_counts(self):
        self.assertIn("indexed 5, skipped 0", self.index.stdout)
        self.assertEqual(self.index.stdout.count("\n"), 1, "one summary line when not a terminal")

    def test_yo_form_finds_e_form(self):
        ids = self.ids("экспортер")
        self.assertIn(S000, ids)
        self.assertEqual(set(ids), set(self.ids("экспортёр")))

    def test_date_range_is_inclusive_and_drops_undated(self):
        ids = self.ids("--from", "2026-02-01", "--to", "2026-02-28", "экспорт")
        self.assertEqual(set(ids), {S001, S002})
        self.assertEqual(set(self.ids("--from", "2026-02-08", "--to", "2026-02-08", "экспорт")),
                         {S001})
        for r in self.search("--from", "2020-01-01", "экспорт")["results"]:
            self.assertIsNotNone(r["date"])

    def test_phrase(self):
        ids = self.ids('"Российская газета"')
        self.assertEqual(ids, [S004])
        self.assertEqual(self.ids('"газета Российская"'), [])

    def test_capitalized_forms_are_stemmed(self):
        a, b = self.ids("Анохина"), self.ids("анохин")
        self.assertTrue(a)
        self.assertEqual(set(a), set(b))

    def test_json_shape(self):
        out = self.search("экспорт", "--limit", "2")
        # The documented keys come first, in order; added keys follow them.
        self.assertEqual(list(out.keys())[:7],
                         ["query", "total", "offset", "limit", "results", "facets", "suggestion"])
        self.assertEqual(list(out.keys())[7:], ["total_exact", "searched_suggestion",
                                                "query_words", "searched_words"])
        self.assertIs(out["total_exact"], True)
        self.assertIs(out["searched_suggestion"], False)
        self.assertEqual((out["query_words"], out["searched_words"]), (1, 1))
        self.assertEqual(out["query"], "экспорт")
        self.assertEqual(out["limit"], 2)
        self.assertEqual(len(out["results"]), 2)
        self.assertIsNone(out["suggestion"])
        r = out["results"][0]
        for key, kind in [("rank", int), ("id", str), ("score", float), ("title", str),
                          ("snippet", str)]:
            self.assertIsInstance(r[key], kind, key)
        self.assertEqual(r["rank"], 1)
        self.assertIn("<mark>", r["snippet"])
        self.assertRegex(r["date"] or "2000-01-01", r"^\d{4}-\d{2}-\d{2}$")

    def test_snippet_is_short_and_highlights_whole_forms(self):
        for r in self.search("экспортёров")["results"]:
            text = r["snippet"].replace("<mark>", "").replace("</mark>", "")
            self.assertLessEqual(len(text), 240, text)
            for mark in r["snippet"].split("<mark>")[1:]:
                word = mark.split("</mark>")[0].lower().replace("ё", "е")
                self.assertTrue(word.startswith("экспорт"), word)

    def test_boolean_operators(self):
        both = set(self.ids("Минск", "AND", "экспорт"))
        either = set(self.ids("Минск", "OR", "Казани"))
        self.assertTrue(both <= set(self.ids("Минск")))
        self.assertTrue(set(self.ids("Минск")) <= either)
        minus = set(self.ids("экспорт", "-Минск"))
        self.assertFalse(minus & set(self.ids("Минск")))
        self.assertEqual(set(self.ids("экспорт", "НЕ", "Минск")), minus)

    def test_pagination_is_stable(self):
        all_ids = self.ids("экспорт")
        page1 = [r["id"] for r in self.search("экспорт", "--limit", "2")["results"]]
        page2 = [r["id"] for r in self.search("экспорт", "--limit", "2", "--offset", "2")["results"]]
        self.assertEqual(page1 + page2, all_ids[:4])

    def test_pasted_text_is_searched_as_its_words(self):
        words = self.ids("экспорт")
        self.assertTrue(words)
        for q in ['"экспорт', "«экспорт", "(экспорт", "экспорт)", "экспорт AND", "OR экспорт",
                  "И экспорт", "экспорт ()"]:
            self.assertEqual(self.ids(q), words, q)

    def test_malformed_query_is_a_clear_error(self):
        for q in ["NOT", "экспорт NOT", "(NOT)"]:
            proc = self.search(q, check=False)
            self.assertEqual(proc.returncode, 1, q)
            self.assertTrue(proc.stderr.startswith("pressa-search: "), proc.stderr)
            self.assertNotIn("internal", proc.stderr)

    def test_bad_dates_are_rejected(self):
        proc = self.search("--from", "2026-02-30", "экспорт", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("2026-02-30", proc.stderr)

    def test_text_output(self):
        out = run(os.path.join(BIN, "pressa-search"), "--db", self.db, "экспортер").stdout
        self.assertIn(S000, out)
        self.assertIn(" 1. ", out)
        self.assertNotIn("\033[", out, "no ANSI codes when not a terminal")

    def test_missing_index(self):
        proc = run(os.path.join(BIN, "pressa-search"), "--db", os.path.join(self.tmp, "none"),
                   "x", check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("cannot open index", proc.stderr)

    def test_wrong_keyboard_layout_is_searched_as_meant(self):
        out = self.search("ublhjwbrk")  # "гидроцикл" typed on a QWERTY layout
        self.assertEqual(out["suggestion"], "гидроцикл")
        self.assertTrue(out["searched_suggestion"])
        self.assertIn(S003, [r["id"] for r in out["results"]])
        text = run(os.path.join(BIN, "pressa-search"), "--db", self.db, "ublhjwbrk").stdout
        self.assertIn("showing results for гидроцикл", text)

    def test_typo_gets_a_suggestion(self):
        out = self.search("экспарт")
        self.assertEqual(out["suggestion"], "экспорт")
        self.assertTrue(out["results"])

    def test_sort_by_date_is_newest_first(self):
        dates = [r["date"] for r in self.search("--sort", "date", "экспорт")["results"]]
        dated = [d for d in dates if d]
        self.assertTrue(dated)
        self.assertEqual(dated, sorted(dated, reverse=True))
        self.assertEqual(dates[:len(dated)], dated, "undated articles come last")

    def test_like_finds_related_articles(self):
        ids = self.ids("--like", S000)
        self.assertTrue(ids)
        self.assertNotIn(S000, ids)
        proc = self.search("--like", "no-such-article", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("no-such-article", proc.stderr)

    def test_results_count_reprints(self):
        for r in self.search("экспорт")["results"]:
            self.assertEqual(r["more_like_this"], len(r["duplicates"]))


class UntitledPostTest(unittest.TestCase):
    def test_a_post_without_a_title_is_headed_by_its_first_sentence(self):
        tmp = tempfile.mkdtemp(prefix="pressa-e2e-untitled-")
        try:
            posts = os.path.join(tmp, "posts.jsonl")
            with open(posts, "w", encoding="utf-8") as f:
                f.write(json.dumps({
                    "id": "tg-1", "source": "Канал", "date": "2024-11-27",
                    "text": "⚡️**РЖД** повысит [тарифы](https://t.example/1) с 1 декабря. "
                            "Цена проезда в плацкарте вырастет."}, ensure_ascii=False) + "\n")
            db = os.path.join(tmp, "db")
            run(os.path.join(BIN, "pressa-index"), "--db", db, posts)
            search = [os.path.join(BIN, "pressa-search"), "--db", db]
            hit = json.loads(run(*search, "--format", "json", "плацкарт").stdout)["results"][0]
            self.assertEqual(hit["title"], "")
            self.assertEqual(hit["headline"], "⚡️РЖД повысит тарифы с 1 декабря.")
            self.assertIn("⚡️РЖД повысит тарифы с 1 декабря.\n", run(*search, "плацкарт").stdout)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class ReprintTest(unittest.TestCase):
    def test_reprints_collapse_into_one_result(self):
        tmp = tempfile.mkdtemp(prefix="pressa-e2e-reprint-")
        try:
            for sub in ("wire", "site"):
                os.makedirs(os.path.join(tmp, "in", sub))
                shutil.copy(os.path.join(CORPUS, S003 + ".txt"), os.path.join(tmp, "in", sub))
            db = os.path.join(tmp, "db")
            run(os.path.join(BIN, "pressa-index"), "--db", db, os.path.join(tmp, "in"))
            search = [os.path.join(BIN, "pressa-search"), "--db", db, "--format", "json"]
            out = json.loads(run(*search, "гидроцикл").stdout)
            self.assertEqual(len(out["results"]), 1)
            self.assertEqual(out["results"][0]["more_like_this"], 1)
            self.assertEqual(out["total"], 2)
            out = json.loads(run(*search, "--no-collapse", "гидроцикл").stdout)
            self.assertEqual(len(out["results"]), 2)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class BadInputTest(unittest.TestCase):
    def test_bad_inputs_are_skipped_counted_and_the_rest_indexed(self):
        tmp = tempfile.mkdtemp(prefix="pressa-e2e-bad-")
        try:
            db = os.path.join(tmp, "db")
            proc = run(os.path.join(BIN, "pressa-index"), "--db", db, BAD, CORPUS, check=False)
            self.assertEqual(proc.returncode, 4, proc.stderr)
            self.assertRegex(proc.stdout, r"skipped [1-9]")
            for line in proc.stderr.splitlines():
                self.assertRegex(line, r"^\S+(:\d+)?: ", "each warning names file (and line)")
            found = run(os.path.join(BIN, "pressa-search"), "--db", db, "--format", "json",
                        "экспортер").stdout
            self.assertIn(S000, found)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def test_usage_errors(self):
        self.assertEqual(run(os.path.join(BIN, "pressa-index"), CORPUS, check=False).returncode, 1)
        both = run(os.path.join(BIN, "pressa-index"), "--db", "/nonexistent/db", "--positions",
                   "--positions-like", "/nonexistent/other", CORPUS, check=False)
        self.assertEqual(both.returncode, 1)
        self.assertIn("--positions-like does not apply", both.stderr)
        missing = run(os.path.join(BIN, "pressa-index"), "--db", "/nonexistent/db",
                      "--positions-like", "", CORPUS, check=False)
        self.assertEqual(missing.returncode, 1)
        negative = run(os.path.join(BIN, "pressa-index"), "--db", "/nonexistent/db", "--batch",
                       "-1", CORPUS, check=False)
        self.assertEqual(negative.returncode, 1)
        self.assertIn("--batch must not be negative", negative.stderr)
        self.assertEqual(run(os.path.join(BIN, "pressa-search"), "x", check=False).returncode, 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
