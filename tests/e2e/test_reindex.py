#!/usr/bin/env python3
"""End-to-end tests of nightly reindexing: incremental runs, crashes (real SIGKILL and a
hidden abort hook), the writer lock, write failures, and searches during a reindex.
Each test generates its own synthetic Russian corpus in a temporary directory."""
import fcntl
import json
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
INDEX = os.path.join(BIN, "pressa-index")
SEARCH = os.path.join(BIN, "pressa-search")

WORDS = ("область губернатор завод экспорт выставка район школа больница дорога мост "
         "урожай фермер музей театр библиотека студент университет налог бюджет вокзал "
         "автобус трамвай парк река озеро лес спорт турнир чемпионат праздник").split()


def article_text(n, version=0):
    """A small article; every one contains the word «газета» (to count them all)."""
    words = [WORDS[(n * 7 + i * 3 + version) % len(WORDS)] for i in range(40)]
    return f"Региональная газета сообщает: {' '.join(words)}. Выпуск {n} версия {version}."


def write_seed(path, n, version=0):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f" date 2025-0{1 + n % 9}-1{n % 10} Новость номер {n}\n{article_text(n, version)}\n")


def jsonl_line(n, version=0):
    return json.dumps({"id": f"j{n}", "title": f"Заметка {n}", "text": article_text(n, version),
                       "date": "2024-05-17", "source": "Смоленская газета"}, ensure_ascii=False)


def write_jsonl(path, numbers):
    with open(path, "w", encoding="utf-8") as f:
        for n in numbers:
            f.write(jsonl_line(n) + "\n")


def live_generation(db):
    with open(os.path.join(db, "XAPIANDB"), encoding="utf-8") as f:
        return f.read().split()[1]


def run(*args, check=True, timeout=120, **kw):
    proc = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, **kw)
    if check and proc.returncode not in (0,):
        raise AssertionError(f"{args} exited {proc.returncode}: {proc.stderr}")
    return proc


def summary(proc):
    """Counters from the summary line ("indexed 5, skipped 0, ...; added 5, ...")."""
    line = proc.stdout.strip().splitlines()[-1].split(":", 1)[1]
    out = {}
    for part in line.replace(";", ",").split(","):
        bits = part.split()
        if len(bits) >= 2 and bits[1].isdigit():
            out[bits[0]] = int(bits[1])
    return out


class ReindexBase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pressa-reindex-")
        self.db = os.path.join(self.tmp, "db")
        self.src = os.path.join(self.tmp, "src")
        os.makedirs(self.src)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def index(self, *args, check=True, **kw):
        return run(INDEX, "--db", self.db, "-q", *args, check=check, **kw)

    def count(self, query="газета"):
        proc = run(SEARCH, "--db", self.db, "--format", "json", "--limit", "1", query)
        return json.loads(proc.stdout)["total"]

    def ids(self, query):
        proc = run(SEARCH, "--db", self.db, "--format", "json", "--limit", "100", query)
        return sorted(r["id"] for r in json.loads(proc.stdout)["results"])


class IncrementalTest(ReindexBase):
    def setUp(self):
        super().setUp()
        self.tree = os.path.join(self.src, "tree")
        os.makedirs(self.tree)
        for n in range(20):
            write_seed(os.path.join(self.tree, f"a{n:03}.txt"), n)
        self.lines = os.path.join(self.src, "lines.jsonl")
        write_jsonl(self.lines, range(100, 130))
        first = summary(self.index(self.src))
        self.assertEqual(first["added"], 50)

    def test_nothing_changed_reads_nothing(self):
        s = summary(self.index(self.src))
        self.assertEqual((s["indexed"], s["unchanged"], s["deleted"]), (0, 50, 0))
        self.assertIn("(0 read)", self.index(self.src).stdout)

    def test_touched_but_unchanged_is_not_reindexed(self):
        now = time.time() + 5
        for name in os.listdir(self.tree):
            os.utime(os.path.join(self.tree, name), (now, now))
        os.utime(self.lines, (now, now))
        s = summary(self.index(self.src))
        self.assertEqual((s["indexed"], s["unchanged"]), (0, 50))
        # The refreshed stamps make the next run a stat-only one.
        self.assertIn("(0 read)", self.index(self.src).stdout)

    def test_changed_added_deleted_files_and_lines(self):
        write_seed(os.path.join(self.tree, "a003.txt"), 3, version=1)  # changed
        write_seed(os.path.join(self.tree, "new.txt"), 500)  # added
        os.remove(os.path.join(self.tree, "a004.txt"))  # deleted
        with open(self.lines, "a", encoding="utf-8") as f:  # appended line
            f.write(jsonl_line(130) + "\n")
        s = summary(self.index(self.src))
        self.assertEqual((s["added"], s["updated"], s["deleted"]), (2, 1, 0 + 1))
        self.assertEqual(s["unchanged"], 48)
        self.assertEqual(self.count(), 51)
        self.assertEqual(self.ids("500"), ["tree/new"])
        self.assertEqual(self.ids("j130 OR 130"), ["j130"])

        # A changed line costs one document; a removed line is deleted.
        with open(self.lines, encoding="utf-8") as f:
            lines = f.read().splitlines()
        lines[0] = jsonl_line(100, version=1)
        del lines[5]
        with open(self.lines, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        s = summary(self.index(self.src))
        self.assertEqual((s["added"], s["updated"], s["deleted"]), (0, 1, 1))
        self.assertEqual(self.count(), 50)

    def test_missing_path_holds_deletions_and_no_delete_keeps(self):
        shutil.rmtree(self.tree)
        proc = self.index(self.src + "/tree", self.lines, check=False)
        self.assertEqual(proc.returncode, 4, proc.stderr)
        self.assertIn("deletions held back", proc.stdout)
        self.assertEqual(self.count(), 50)
        os.remove(self.lines)
        os.makedirs(self.tree)
        write_seed(os.path.join(self.tree, "x.txt"), 7)
        s = summary(self.index("--no-delete", self.src))
        self.assertEqual(s["deleted"], 0)
        self.assertEqual(self.count(), 51)
        s = summary(self.index(self.src))
        self.assertEqual(s["deleted"], 50)
        self.assertEqual(self.count(), 1)

    def test_rebuild_and_compact_swap_generations(self):
        before = os.listdir(self.db)
        report = os.path.join(self.tmp, "report.json")
        self.index("--rebuild", "--compact", "--report", report, self.src)
        with open(report) as f:
            rep = json.load(f)
        self.assertEqual((rep["status"], rep["mode"], rep["documents"]), ("ok", "rebuild", 50))
        self.assertTrue(rep["compacted"])
        gens = sorted(n for n in os.listdir(self.db) if n.startswith("gen-"))
        self.assertEqual(len(gens), 1, os.listdir(self.db))
        self.assertNotIn(gens[0], before)
        self.assertEqual(live_generation(self.db), gens[0])
        self.assertEqual(self.count(), 50)
        # After a rebuild, the next incremental run has nothing to do.
        self.assertEqual(summary(self.index(self.src))["indexed"], 0)

    def test_plain_index_from_an_older_version_still_opens_and_converts(self):
        plain = os.path.join(self.tmp, "plain")
        shutil.copytree(os.path.join(self.db, live_generation(self.db)),
                        plain)
        self.db = plain
        self.assertEqual(self.count(), 50)
        self.assertEqual(summary(self.index(self.src))["indexed"], 0)
        self.index("--rebuild", self.src)
        self.assertFalse(os.path.exists(os.path.join(plain, "iamglass")))
        self.assertEqual(self.count(), 50)

    def test_second_writer_is_locked_out(self):
        with open(os.path.join(self.db, "pressa-index.lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            proc = self.index(self.src, check=False)
            self.assertEqual(proc.returncode, 3)
            self.assertIn("another pressa-index", proc.stderr)
        self.assertEqual(self.index(self.src).returncode, 0)

    def test_unwritable_db_path_fails_cleanly(self):
        blocker = os.path.join(self.tmp, "file")
        open(blocker, "w").close()
        proc = run(INDEX, "--db", os.path.join(blocker, "db"), self.src, check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("cannot create index directory", proc.stderr)


class CrashTest(ReindexBase):
    """Kills pressa-index at several points; the index must open, answer, and heal."""
    FILES = 6
    PER_FILE = 400

    def setUp(self):
        super().setUp()
        self.all = os.path.join(self.src, "all")
        os.makedirs(self.all)
        for i in range(self.FILES):
            write_jsonl(os.path.join(self.all, f"part{i}.jsonl"),
                        range(i * self.PER_FILE, (i + 1) * self.PER_FILE))
        self.total = self.FILES * self.PER_FILE
        # A first index over half of the files, then the rest arrives "overnight".
        self.half = os.path.join(self.src, "half")
        os.makedirs(self.half)
        for i in range(self.FILES // 2):
            shutil.copy(os.path.join(self.all, f"part{i}.jsonl"), self.half)
        self.index(self.half)
        self.base = self.count()
        self.assertEqual(self.base, self.total // 2)
        for i in range(self.FILES // 2, self.FILES):
            shutil.copy(os.path.join(self.all, f"part{i}.jsonl"), self.half)

    def assert_heals(self, *args):
        proc = self.index(*args, self.half)
        self.assertEqual(self.count(), self.total)
        return proc

    def test_abort_hook_at_several_points(self):
        for after in (1, 120, 450):
            proc = self.index("--batch", "100", "--test-abort-after", str(after), self.half,
                              check=False)
            self.assertEqual(proc.returncode, 137, proc.stderr)
            n = self.count()
            self.assertGreaterEqual(n, self.base)
            self.assertLessEqual(n, self.total)
        self.assert_heals()
        self.assertEqual(summary(self.index(self.half))["indexed"], 0)

    def test_real_sigkill_during_incremental_run(self):
        proc = subprocess.Popen([INDEX, "--db", self.db, "-q", "--batch", "50", self.half],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill after the first commit beyond the base is visible (or at the end if too fast).
        deadline = time.time() + 60
        while proc.poll() is None and time.time() < deadline:
            if self.count() > self.base:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        n = self.count()
        self.assertGreaterEqual(n, self.base)
        # The killed writer's lock is gone with it.
        self.assert_heals()

    def test_abort_during_rebuild_keeps_live_index(self):
        self.index(self.half)
        proc = self.index("--rebuild", "--test-abort-after", "700", self.half, check=False)
        self.assertEqual(proc.returncode, 137)
        self.assertEqual(self.count(), self.total)
        self.index("--rebuild", self.half)
        self.assertEqual(self.count(), self.total)
        self.assertEqual(sorted(n for n in os.listdir(self.db) if n.startswith(("gen-", "build-")))[:1],
                         [live_generation(self.db)])

    def test_abort_during_first_build_leaves_an_empty_index_that_answers(self):
        shutil.rmtree(self.db)
        proc = self.index("--test-abort-after", "300", self.half, check=False)
        self.assertEqual(proc.returncode, 137)
        self.assertEqual(self.count(), 0)
        self.assert_heals()

    def test_file_size_limit_stops_with_exit_2_and_keeps_last_commit(self):
        live = os.path.join(self.db, live_generation(self.db))
        biggest = max(os.path.getsize(os.path.join(live, n)) for n in os.listdir(live))
        limit = biggest + 64 * 1024

        def limit_files():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        proc = run(INDEX, "--db", self.db, "-q", "--batch", "100", self.half, check=False,
                   preexec_fn=limit_files)
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn("File too large", proc.stderr)
        n = self.count()
        self.assertGreaterEqual(n, self.base)
        self.assertLess(n, self.total)
        self.assert_heals()


    def test_file_size_limit_during_rebuild_keeps_live_index(self):
        def limit_files():
            resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))

        proc = run(INDEX, "--db", self.db, "-q", "--rebuild", self.half, check=False,
                   preexec_fn=limit_files)
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn("File too large", proc.stderr)
        self.assertEqual(self.count(), self.base)
        self.assertEqual([n for n in os.listdir(self.db) if n.startswith(("gen-", "build-"))],
                         [live_generation(self.db)])
        self.assert_heals("--rebuild")


class SearchDuringReindexTest(ReindexBase):
    def test_searches_never_fail_while_indexing_rebuilding_compacting(self):
        for i in range(4):
            write_jsonl(os.path.join(self.src, f"p{i}.jsonl"), range(i * 300, i * 300 + 300))
        self.index(self.src)
        failures, done, searches = [], threading.Event(), [0]

        def searcher():
            while not done.is_set():
                proc = run(SEARCH, "--db", self.db, "--format", "json", "газета", check=False)
                searches[0] += 1
                if proc.returncode != 0 or json.loads(proc.stdout)["total"] < 1200:
                    failures.append(proc.stderr or proc.stdout[:200])

        thread = threading.Thread(target=searcher)
        thread.start()
        try:
            for i in range(4, 6):
                write_jsonl(os.path.join(self.src, f"p{i}.jsonl"), range(i * 300, i * 300 + 300))
                self.index("--batch", "50", self.src)
            self.index("--rebuild", self.src)
            self.index("--compact", self.src)
        finally:
            done.set()
            thread.join()
        self.assertEqual(failures, [])
        self.assertGreater(searches[0], 3)
        self.assertEqual(self.count(), 1800)


if __name__ == "__main__":
    unittest.main()
