#!/usr/bin/env python3
"""End-to-end test of sharded search: corpus/ split into two indexes served by two stock
`xapian-tcpsrv` processes on 127.0.0.1 (and, locally, one stub listing both) must answer
every query exactly as one index of the whole corpus does: totals, ids, order, scores,
snippets and facets. The shards served remotely are built with --positions (the stock
server knows only Xapian's phrase operators); an index built without it keeps rare words'
positions in its own value and must find the same articles. Exit 77 (skipped) when
xapian-tcpsrv (Debian xapian-tools) is missing."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("PRESSA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))
CORPUS = os.path.join(SRC, "corpus")
TCPSRV = shutil.which("xapian-tcpsrv")

# (arguments after --format json): words, phrases, names, exclusions, date ranges,
# entity filters, a filter-only listing, a query with no match.
QUERIES = [
    ["экспорт"],
    ["экспортёров"],
    ["Российская", "газета"],
    ['"Российская газета"'],
    ['"экспортный центр"'],
    ['"центр поддержки экспорта"'],
    ['"экспорта поддержки"'],
    ["Смоленская", "область", "экспорт"],
    ["Анохина"],
    ["экспорт", "-Минск"],
    ["Минск", "OR", "Казань"],
    ["--from", "2026-02-01", "--to", "2026-02-28", "экспорт"],
    ["--from", "2026-01-01", "--to", "2026-12-31"],
    ["--sort", "date", "экспорт"],
    ["--org", "Российский экспортный центр"],
    ["--place", "Смоленская область", "экспорт"],
    ["--limit", "2", "--offset", "1", "экспорт"],
    ["несуществующееслово"],
    ["--like", "000_79f07d462ba013fb"],  # related articles: the term statistics of all shards
]


def run(*args, check=True):
    proc = subprocess.run(list(args), capture_output=True, text=True, timeout=120)
    if check and proc.returncode not in (0, 4):
        raise AssertionError(f"{args} exited {proc.returncode}: {proc.stderr}")
    return proc


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, proc, timeout=15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"xapian-tcpsrv on port {port} exited {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"xapian-tcpsrv did not listen on port {port}")


def comparable(result):
    """What must not depend on the sharding: scores to 1e-9, everything else as is."""
    for hit in result["results"]:
        hit["score"] = round(hit["score"], 9)
    return result


class ShardsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-shards-")
        cls.servers = []
        seeds = sorted(f for f in os.listdir(CORPUS) if f.endswith(".txt"))
        # Alternate files between the shards: Xapian numbers the documents of a
        # multi-database round-robin, so ties keep the single index's order too.
        for n in (0, 1):
            os.makedirs(os.path.join(cls.tmp, f"src{n}"))
        for i, name in enumerate(seeds):
            shutil.copy(os.path.join(CORPUS, name), os.path.join(cls.tmp, f"src{i % 2}", name))
        index = os.path.join(BIN, "pressa-index")
        cls.single = os.path.join(cls.tmp, "single")
        run(index, "--db", cls.single, "--positions", CORPUS)
        cls.compact_positions = os.path.join(cls.tmp, "compact-positions")
        run(index, "--db", cls.compact_positions, CORPUS)
        shards = []
        for n in (0, 1):
            shard = os.path.join(cls.tmp, f"shard{n}")
            run(index, "--db", shard, "--positions", os.path.join(cls.tmp, f"src{n}"))
            shards.append(shard)
        remote_lines = []
        for shard in shards:
            port = free_port()
            proc = subprocess.Popen([TCPSRV, "--port", str(port), "--interface", "127.0.0.1",
                                     "--quiet", shard],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    # its SIGTERM handler signals its whole process group
                                    start_new_session=True)
            cls.servers.append(proc)
            wait_listening(port, proc)
            remote_lines.append(f"remote 127.0.0.1:{port}\n")
        # An index without --positions behind a server: refused, not half-searched.
        port = free_port()
        proc = subprocess.Popen([TCPSRV, "--port", str(port), "--interface", "127.0.0.1",
                                 "--quiet", cls.compact_positions],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        cls.servers.append(proc)
        wait_listening(port, proc)
        cls.compact_remote_stub = os.path.join(cls.tmp, "compact-remote.stub")
        with open(cls.compact_remote_stub, "w") as f:
            f.write(f"remote 127.0.0.1:{port}\n")
        cls.remote_stub = os.path.join(cls.tmp, "remote.stub")
        with open(cls.remote_stub, "w") as f:
            f.write("# two shards behind xapian-tcpsrv\n" + "".join(remote_lines))
        cls.local_stub = os.path.join(cls.tmp, "local.stub")
        with open(cls.local_stub, "w") as f:
            f.write("auto shard0\nauto shard1\n")  # relative to the stub's directory

    @classmethod
    def tearDownClass(cls):
        for proc in cls.servers:
            proc.terminate()
            proc.wait(timeout=10)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def search(self, db, args):
        proc = run(os.path.join(BIN, "pressa-search"), "--db", db, "--format", "json", *args)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return comparable(json.loads(proc.stdout))

    def test_remote_shards_equal_single_index(self):
        for args in QUERIES:
            with self.subTest(args=args):
                single = self.search(self.single, args)
                remote = self.search(self.remote_stub, args)
                self.assertEqual(remote["total"], single["total"])
                self.assertEqual([h["id"] for h in remote["results"]],
                                 [h["id"] for h in single["results"]])
                self.assertEqual(remote["facets"], single["facets"])
                self.assertEqual(remote, single)

    def test_local_stub_equals_single_index(self):
        for args in QUERIES:
            with self.subTest(args=args):
                self.assertEqual(self.search(self.local_stub, args), self.search(self.single, args))

    def test_compact_positions_find_the_same_articles(self):
        # Phrases over the per-document position values match exactly what Xapian's
        # phrase operator matches; scores may differ (proximity boosts on rare words).
        for args in QUERIES:
            with self.subTest(args=args):
                compact = self.search(self.compact_positions, args)
                single = self.search(self.single, args)
                self.assertEqual(compact["total"], single["total"])
                self.assertEqual(sorted(h["id"] for h in compact["results"]),
                                 sorted(h["id"] for h in single["results"]))
        self.assertEqual(self.search(self.compact_positions, ['"Российская газета"'])["total"], 1)
        self.assertEqual(self.search(self.compact_positions, ['"экспорта поддержки"'])["total"], 0)

    def test_shards_built_alike_find_the_same_articles(self):
        # The README's advice for shards searched together: the second takes the
        # first's words with Xapian positions (--positions-like). Its other words'
        # positions go into its own value, and phrases still find what one index finds.
        index = os.path.join(BIN, "pressa-index")
        root = os.path.join(self.tmp, "alike")
        run(index, "-q", "--db", os.path.join(root, "shard0"), os.path.join(self.tmp, "src0"))
        run(index, "-q", "--db", os.path.join(root, "shard1"), "--positions-like",
            os.path.join(root, "shard0"), os.path.join(self.tmp, "src1"))
        stub = os.path.join(root, "alike.stub")
        with open(stub, "w") as f:
            f.write("auto shard0\nauto shard1\n")
        for args in QUERIES:
            with self.subTest(args=args):
                alike = self.search(stub, args)
                single = self.search(self.compact_positions, args)
                self.assertEqual(alike["total"], single["total"])
                self.assertEqual(sorted(h["id"] for h in alike["results"]),
                                 sorted(h["id"] for h in single["results"]))
                self.assertEqual(alike["facets"], single["facets"])
        self.assertEqual(self.search(stub, ['"Российская газета"'])["total"], 1)

    def test_queries_find_something_and_count_facets(self):
        # Guards against a vacuous comparison: the shards hold the corpus.
        result = self.search(self.remote_stub, ["экспорт"])
        self.assertGreaterEqual(result["total"], 2)
        self.assertTrue(any(result["facets"].get(k) for k in ("org", "place", "year")),
                        result["facets"])
        ids = {h["id"] for h in result["results"]}
        self.assertTrue(any(i.startswith("000_") or i.startswith("002_") for i in ids))
        self.assertTrue(any(i.startswith("001_") or i.startswith("003_") for i in ids))

    def test_a_remote_shard_without_positions_is_refused(self):
        proc = run(os.path.join(BIN, "pressa-search"), "--db", self.compact_remote_stub,
                   '"Российская газета"', check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("--positions", proc.stderr)
        self.assertIn(self.compact_remote_stub, proc.stderr)

    def name_shards(self, name, sizes, *index_args):
        """Shards of articles saying "Путин", some "Владимир Путин", and one index of
        them all, under tmp/NAME: shard0 … and single."""
        filler = ["Регион наращивает поставки зерна.", "Губернатор открыл новый завод.",
                  "Аграрии собрали рекордный урожай.", "Порт принял первое судно."]

        def article(key, i, full_name):
            text = " ".join(["Путин сказал о поддержке экспорта."] * (1 + i % 4))
            text += " " + " ".join(filler[:i % 5])
            if full_name:
                text = "Владимир Путин обсудил с главой региона экспорт. " + text
            return json.dumps({"id": f"{key}{i:04d}", "text": text, "date": "2024-05-01",
                               "source": "Тест"}, ensure_ascii=False) + "\n"

        root = os.path.join(self.tmp, name)
        lines = [[article(chr(ord("a") + n), i, i == size - 1 if n == 0 else i % (2 * n + 1) == 0)
                  for i in range(size)] for n, size in enumerate(sizes)]
        index = os.path.join(BIN, "pressa-index")
        for n in range(len(sizes)):
            os.makedirs(os.path.join(root, f"src{n}"))
            with open(os.path.join(root, f"src{n}", "a.jsonl"), "w", encoding="utf-8") as f:
                f.writelines(lines[n])
            run(index, "-q", "--db", os.path.join(root, f"shard{n}"), *index_args,
                os.path.join(root, f"src{n}"))
        os.makedirs(os.path.join(root, "all"))
        with open(os.path.join(root, "all", "a.jsonl"), "w", encoding="utf-8") as f:
            f.writelines(line for part in lines for line in part)
        run(index, "-q", "--db", os.path.join(root, "single"), *index_args,
            os.path.join(root, "all"))
        return root

    def test_a_name_with_its_full_forms_over_local_shards(self):
        # "Путин" also asks for the full names the index holds ("Владимир Путин"),
        # the best of them weighing (OP_MAX). Over a stub of local shards Xapian 1.4
        # crashed on it when both forms end on the first shard's last article and the
        # second shard prunes; it must answer as one index of both does.
        root = self.name_shards("names", [30, 1500])
        single = os.path.join(root, "single")
        stub = os.path.join(root, "local.stub")
        with open(stub, "w") as f:
            f.write("auto shard0\nauto shard1\n")
        for args in (["Путин"], ["Путина"], ["Владимир", "Путин"], ["--no-collapse", "Путин"],
                     ["--no-collapse", "--limit", "50", "Путин"], ["--sort", "date", "Путин"]):
            with self.subTest(args=args):
                sharded = self.search(stub, args)
                self.assertEqual(sharded["total"], 1530)
                self.assertEqual(sharded, self.search(single, args))

    def test_a_name_over_local_and_remote_shards(self):
        # Local shards beside remote ones crashed on the same query: there the
        # alternatives are ORed (a stock xapian-tcpsrv cannot read the local fix), so an
        # article naming him both ways may score higher than in one index, but the
        # same articles answer, with the same facets.
        root = self.name_shards("mixed", [30, 1500, 200], "--positions")
        port = free_port()
        proc = subprocess.Popen([TCPSRV, "--port", str(port), "--interface", "127.0.0.1",
                                 "--quiet", os.path.join(root, "shard2")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        self.servers.append(proc)
        wait_listening(port, proc)
        stubs = {"local first": f"auto shard0\nauto shard1\nremote 127.0.0.1:{port}\n",
                 "remote first": f"remote 127.0.0.1:{port}\nauto shard0\nauto shard1\n",
                 "one local": f"auto shard0\nremote 127.0.0.1:{port}\n"}
        single = os.path.join(root, "single")
        for label, text in stubs.items():
            stub = os.path.join(root, label.replace(" ", "-") + ".stub")
            with open(stub, "w") as f:
                f.write(text)
            for args in (["Путин"], ["Владимир", "Путин"], ["--no-collapse", "Путин"]):
                with self.subTest(stub=label, args=args):
                    mixed = self.search(stub, args)
                    if label == "one local":
                        self.assertEqual(mixed["total"], 230)
                        continue
                    expected = self.search(single, args)
                    self.assertEqual(mixed["total"], expected["total"])
                    self.assertEqual(mixed["total"], 1730)
                    self.assertEqual(mixed["facets"], expected["facets"])

    def test_a_dead_shard_is_a_clear_error(self):
        stub = os.path.join(self.tmp, "dead.stub")
        with open(stub, "w") as f:
            f.write(f"remote 127.0.0.1:{free_port()}\n")
        proc = run(os.path.join(BIN, "pressa-search"), "--db", stub, "экспорт", check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertNotIn(proc.returncode, (-11, -6), "crashed instead of reporting")
        self.assertIn(stub, proc.stderr)


if __name__ == "__main__":
    if TCPSRV is None:
        print("skipped: xapian-tcpsrv not found (apt-get install xapian-tools)")
        sys.exit(77)
    unittest.main()
