#!/usr/bin/env python3
"""End-to-end: pressa-index on hostile input (tests/data/bad/ and files made here).

Every bad input gets its documented outcome -- decoded, or one warning naming the file
(and line) and counted as skipped -- and everything else in the run is indexed.
"""
import json
import os
import resource
import select
import shutil
import stat
import subprocess
import tempfile
import threading
import time
import unittest

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("PRESSA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))
CORPUS = os.path.join(SRC, "corpus")
BAD = os.path.join(SRC, "tests", "data", "bad")
INDEX = os.path.join(BIN, "pressa-index")
SEARCH = os.path.join(BIN, "pressa-search")

EXIT_SKIPPED = 4
MAX_ARTICLE_MB = 4  # the documented limit on one article (indexer/reader.h, README)
FLAX_TITLE = "Смоленские льноводы собрали рекордный урожай"
# The same article in every encoding the reader must decode, not skip.
DECODED = ["windows1251", "koi8r", "ibm866", "utf16le_bom", "utf16be_bom", "utf8_bom",
           "crlf", "cr_only", "truncated_utf8"]
SKIPPED_FILES = {  # file → words its one warning must contain
    "empty.txt": "empty",
    "whitespace_only.txt": "empty",
    "one_byte.txt": "empty",
    "nul_filled.txt": "binary",
    "binary_controls.txt": "binary",
}


def run(*args, timeout=300, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, **kw)


def search(db, *args):
    # Reprints are listed one by one: several inputs here hold the same article.
    proc = run(SEARCH, "--db", db, "--format", "json", "--limit", "100", "--no-collapse", *args)
    if proc.returncode != 0:
        raise AssertionError(f"pressa-search {args} exited {proc.returncode}: {proc.stderr}")
    return json.loads(proc.stdout)


def write_seed(path, title, body):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f" date 2026-02-10 {title}\n\n{body}\n")


class BadCorpusTest(unittest.TestCase):
    """tests/data/bad/ indexed together with corpus/."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-bad-")
        cls.db = os.path.join(cls.tmp, "db")
        cls.proc = run(INDEX, "--db", cls.db, CORPUS, BAD)
        cls.lines = cls.proc.stderr.splitlines()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def warnings_for(self, name):
        return [l for l in self.lines if l.startswith(os.path.join(BAD, name))]

    def test_run_finishes_with_skipped_exit_code(self):
        self.assertEqual(self.proc.returncode, EXIT_SKIPPED, self.proc.stderr)
        self.assertRegex(self.proc.stdout, r"indexed \d+, skipped \d+")

    def test_legacy_encodings_are_decoded_not_skipped(self):
        hits = search(self.db, "льноводы")["results"]
        ids = {r["id"] for r in hits}
        for name in DECODED:
            self.assertIn(name, ids)
        for r in hits:
            if r["id"] in DECODED:
                self.assertEqual(r["title"], FLAX_TITLE, r["id"])
                self.assertEqual(r["date"], "2026-02-08", r["id"])
        for name in ("windows1251", "koi8r", "utf16le_bom"):
            (warning,) = self.warnings_for(name + ".txt")
            self.assertIn("decoded from", warning)

    def test_unreadable_files_get_one_warning_and_are_skipped(self):
        for name, word in SKIPPED_FILES.items():
            with self.subTest(name=name):
                warnings = self.warnings_for(name)
                self.assertEqual(len(warnings), 1, warnings)
                self.assertIn(word, warnings[0])
                self.assertTrue(warnings[0].endswith("skipped"), warnings[0])

    def test_broken_json_lines_name_their_line_and_the_rest_is_indexed(self):
        warnings = self.warnings_for("mixed.jsonl")
        self.assertTrue(all(l.startswith(os.path.join(BAD, "mixed.jsonl") + ":") for l in warnings))
        skipped = [l for l in warnings if l.endswith("skipped")]
        self.assertEqual(len(skipped), 7, warnings)
        self.assertTrue(any("nested deeper" in l for l in skipped), skipped)
        self.assertTrue(any("broken JSON" in l for l in skipped), skipped)
        ids = {r["id"] for r in search(self.db, "текст")["results"]}
        self.assertTrue({"good-1", "datetime-1"} <= ids, ids)

    def test_truncated_and_deeply_nested_files(self):
        for name in ("truncated.jsonl", "deep_nested.jsonl"):
            with self.subTest(name=name):
                warnings = self.warnings_for(name)
                self.assertTrue(warnings, self.lines)
                self.assertTrue(all(":" in l[len(os.path.join(BAD, name)):] for l in warnings))
        ids = {r["id"] for r in search(self.db, "уцелевшая")["results"]}
        self.assertEqual(ids, {"truncated-ok", "deep-ok"})

    def test_impossible_date_is_dropped_article_kept(self):
        (warning,) = self.warnings_for("impossible_date.txt")
        self.assertIn("2026-02-30", warning)
        self.assertIn(":1:", warning)
        hits = search(self.db, "выборы думу")["results"]
        hit = next(r for r in hits if r["id"] == "impossible_date")
        self.assertIsNone(hit["date"])

    def test_long_word_is_indexed_and_searchable_around(self):
        hits = search(self.db, "длинное слово")["results"]
        self.assertIn("long_word", {r["id"] for r in hits})
        self.assertFalse(self.warnings_for("long_word.txt"))

    def test_good_corpus_is_all_there(self):
        ids = {r["id"] for r in search(self.db, "экспорт")["results"]}
        self.assertIn("000_79f07d462ba013fb", ids)


class DisappearingFilesTest(unittest.TestCase):
    """Files that vanish, change kind or lose permission between listing and reading.

    pressa-index writes the listing warnings (here: a missing PATH) before it reads any
    file. Its stderr is a pipe that this test fills up first, so that warning blocks the
    indexer at exactly that point; the test changes the files, then drains the pipe.
    """

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pressa-vanish-")
        self.src = os.path.join(self.tmp, "in")
        os.mkdir(self.src)
        self.names = ["a_keep", "b_vanish", "c_fifo", "d_dir", "e_shrink", "f_perm", "g_keep"]
        for n in self.names:
            write_seed(os.path.join(self.src, n + ".txt"), "Заметка " + n,
                       "Сохранившаяся заметка о льне и экспорте.")

    def tearDown(self):
        path = os.path.join(self.src, "f_perm.txt")
        if os.path.exists(path):
            os.chmod(path, 0o644)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def blocked_writing_stderr(self, pid):
        """True while some thread of `pid` sits in write(2) on fd 2."""
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except FileNotFoundError:
            return False
        for t in tasks:
            try:
                with open(f"/proc/{pid}/task/{t}/syscall") as f:
                    fields = f.read().split()
            except OSError:
                continue
            if len(fields) > 1 and fields[0] == "1" and int(fields[1], 16) == 2:
                return True
        return False

    def test_changes_between_listing_and_reading(self):
        r, w = os.pipe()
        os.set_blocking(w, False)
        try:
            while True:
                os.write(w, b"x" * 4096)
        except BlockingIOError:
            pass
        os.set_blocking(w, True)
        db = os.path.join(self.tmp, "db")
        missing = os.path.join(self.tmp, "no-such-dir")
        proc = subprocess.Popen([INDEX, "--db", db, self.src, missing],
                                stdout=subprocess.PIPE, stderr=w)
        os.close(w)
        try:
            deadline = time.monotonic() + 120
            while not self.blocked_writing_stderr(proc.pid):
                self.assertIsNone(proc.poll(), "pressa-index ended before reading")
                self.assertLess(time.monotonic(), deadline, "pressa-index never blocked")
                time.sleep(0.05)
            # Listed, not yet read: now the ground moves.
            p = lambda n: os.path.join(self.src, n + ".txt")
            os.unlink(p("b_vanish"))
            os.unlink(p("c_fifo"))
            os.mkfifo(p("c_fifo"))  # no writer ever: reading must not wait for one
            os.unlink(p("d_dir"))
            os.mkdir(p("d_dir"))
            open(p("e_shrink"), "w").close()
            os.chmod(p("f_perm"), 0)
            err = bytearray()
            reader = threading.Thread(target=lambda: err.extend(_drain(r)))
            reader.start()
            out, _ = proc.communicate(timeout=120)
            reader.join()
        finally:
            if proc.poll() is None:
                proc.kill()
            os.close(r)
        err = err.decode("utf-8", "replace").lstrip("x")
        self.assertEqual(proc.returncode, EXIT_SKIPPED, err)
        lines = err.splitlines()
        for n in ("b_vanish", "c_fifo", "d_dir", "e_shrink"):
            mine = [l for l in lines if l.startswith(os.path.join(self.src, n + ".txt"))]
            self.assertEqual(len(mine), 1, (n, lines))
            self.assertTrue(mine[0].endswith("skipped"), mine[0])
        self.assertTrue(any(missing in l for l in lines), lines)
        ids = {h["id"] for h in search(db, "сохранившаяся")["results"]}
        expected = {"a_keep", "g_keep"}
        if os.geteuid() != 0:  # root reads a file whatever its permissions
            self.assertNotIn("f_perm", ids)
        else:
            expected.add("f_perm")
        self.assertEqual(ids, expected)


def _drain(fd):
    chunks = []
    while True:
        data = os.read(fd, 65536)
        if not data:
            return b"".join(chunks)
        chunks.append(data)


class HugeArticleTest(unittest.TestCase):
    """Articles over the size limit are skipped with a warning, in bounded memory."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-huge-")
        cls.src = os.path.join(cls.tmp, "in")
        os.mkdir(cls.src)
        para = ("Смоленские льноводы собрали рекордный урожай, экспорт льна растёт. " * 100
                + "\n").encode("utf-8")
        # A 200 MB seed file: one article, written in chunks, never held in memory here.
        cls.huge = os.path.join(cls.src, "huge.txt")
        with open(cls.huge, "wb") as f:
            f.write(" date 2026-02-10 Огромная статья\n\n".encode("utf-8"))
            while f.tell() < 200 * 1000 * 1000:
                f.write(para * 16)
        # A JSON line whose text is just over the limit, between two good lines.
        cls.jsonl = os.path.join(cls.src, "big.jsonl")
        body = (para * ((MAX_ARTICLE_MB * 1024 * 1024) // len(para) + 2)).decode("utf-8")
        with open(cls.jsonl, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "before", "text": "Уцелевшая заметка до."}) + "\n")
            f.write(json.dumps({"id": "too-big", "text": body}, ensure_ascii=False) + "\n")
            f.write(json.dumps({"id": "after", "text": "Уцелевшая заметка после."}) + "\n")
        write_seed(os.path.join(cls.src, "small.txt"), "Малая заметка", "Уцелевшая заметка.")
        cls.db = os.path.join(cls.tmp, "db")
        cls.proc = run(INDEX, "--db", cls.db, cls.src, timeout=600)
        # The largest of all children so far: an upper bound on this one's peak.
        cls.peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_huge_seed_file_skipped_with_warning(self):
        self.assertEqual(self.proc.returncode, EXIT_SKIPPED, self.proc.stderr)
        mine = [l for l in self.proc.stderr.splitlines() if l.startswith(self.huge)]
        self.assertEqual(len(mine), 1, self.proc.stderr)
        self.assertIn(f"{MAX_ARTICLE_MB} MB", mine[0])
        self.assertTrue(mine[0].endswith("skipped"), mine[0])

    def test_oversized_json_line_skipped_with_its_line_number(self):
        mine = [l for l in self.proc.stderr.splitlines() if l.startswith(self.jsonl)]
        self.assertEqual(len(mine), 1, self.proc.stderr)
        self.assertTrue(mine[0].startswith(self.jsonl + ":2:"), mine[0])
        self.assertIn(f"{MAX_ARTICLE_MB} MB", mine[0])

    def test_everything_else_indexed(self):
        ids = {h["id"] for h in search(self.db, "уцелевшая")["results"]}
        self.assertEqual(ids, {"before", "after", "small"})

    def test_memory_stays_bounded(self):
        # The 200 MB file is never read; the 4 MB line costs a few copies of itself.
        # Sanitizer builds multiply memory use: only the plain build is held to it.
        if os.environ.get("ASAN_OPTIONS") is not None:
            self.skipTest("memory bound not meaningful under AddressSanitizer")
        self.assertLess(self.peak_mb, 300, f"peak RSS {self.peak_mb:.0f} MB")


if __name__ == "__main__":
    unittest.main()
