#!/usr/bin/env python3
"""End-to-end: pressa-search with PRESSA_SOCKET naming a pressa-searchd for its index writes
the same stdout and stderr and exits with the same code as pressa-search on its own; with a
dead socket, a server of another index, a silent server or arguments it cannot read for sure,
it runs pressa-search-inproc (beside it) and the output is still the same; on a terminal
it first names the server that did not answer.
"""
import os
import pty
import shutil
import socket
import subprocess
import tempfile
import unittest

import searchd_util

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("PRESSA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))
SEARCH = os.path.join(BIN, "pressa-search")
SEARCHD = os.path.join(BIN, "pressa-searchd")
INDEX = os.path.join(BIN, "pressa-index")

# {db} is the served index. Text and JSON, facets, paging, filters, "-word", --like,
# usage errors, --help, an unknown id, a query error, non-ASCII everywhere.
INVOCATIONS = [
    ["--db", "{db}", "экспорт"],
    ["--db", "{db}", "--format", "json", "экспорт"],
    ["--db={db}", "--facets", "Смоленской", "области"],
    ["--db", "{db}", "--limit", "1", "--offset", "2", "--format=json", "экспорт"],
    ["--db", "{db}", "--from", "2026-02-01", "--to", "2026-02-28", "экспорт"],
    ["--db", "{db}", "--place", "Смоленская область", "--sort", "date", "выставка"],
    ["--db", "{db}", "--source", "Российская газета", "--format", "json"],
    ["--db", "{db}", "экспорт", "-Смоленской"],
    ["--db", "{db}", "--format", "json", "--", "-экспорт", "газета"],
    ["--db", "{db}", "--like", "000_79f07d462ba013fb", "--no-collapse"],
    ["--db", "{db}", "--like", "no-such-article"],
    ["--db", "{db}", '"незакрытая кавычка'],
    ["--db", "{db}", "--format", "xml", "экспорт"],
    ["--db", "{db}", "--limit", "много"],
    ["--db", "{db}", "--colour"],
    ["--db", "{db}", "--help"],
    ["--help"],
    ["экспорт"],
]


def read_terminal(primary):
    """Everything written to a pseudo-terminal until its other side closes; closes it."""
    data = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        data += chunk
    os.close(primary)
    return data


def start_server(db, sock, *extra):
    return searchd_util.start_server(SEARCHD, db, sock, *extra)


class SearchFrontTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-e2e-search-front-")
        cls.db = os.path.join(cls.tmp, "db")
        subprocess.run([INDEX, "--db", cls.db, os.path.join(SRC, "corpus")], check=True,
                       capture_output=True)
        cls.sock = os.path.join(cls.tmp, "searchd.sock")
        cls.server = start_server(cls.db, cls.sock)
        # The front end alone, without pressa-search-inproc beside it: it can only
        # answer through a server, so its success proves that the server answered.
        cls.lonely = os.path.join(cls.tmp, "lonely", "pressa-search")
        os.makedirs(os.path.dirname(cls.lonely))
        shutil.copy(SEARCH, cls.lonely)

    @classmethod
    def tearDownClass(cls):
        log = searchd_util.stop_server(cls.server)
        shutil.rmtree(cls.tmp, ignore_errors=True)
        if log:
            raise AssertionError(f"pressa-searchd logged: {log}")

    def run_search(self, args, exe=SEARCH, db=None, **env_extra):
        env = {"PATH": "/usr/bin:/bin"}
        env.update(env_extra)
        argv = [a.replace("{db}", db or self.db) for a in args]
        proc = subprocess.run([exe, *argv], env=env, capture_output=True, timeout=60)
        return proc.returncode, proc.stdout, proc.stderr

    def test_same_output_through_the_server(self):
        served_count = 0
        for args in INVOCATIONS:
            with self.subTest(args=args):
                direct = self.run_search(args)
                served = self.run_search(args, PRESSA_SOCKET=self.sock)
                self.assertEqual(served, direct)
                self.assertIn(direct[0], (0, 1))
                if direct[0] == 0 and args != ["--help"]:
                    self.assertTrue(direct[1])
                # Only with --db does the front end ask the server; then it answers.
                if "{db}" in " ".join(args):
                    lonely = self.run_search(args, exe=self.lonely, PRESSA_SOCKET=self.sock)
                    self.assertEqual(lonely, direct)
                    served_count += 1
        self.assertGreaterEqual(served_count, 15)

    def test_colour_on_a_terminal_through_the_server(self):
        def on_terminal(exe, **env_extra):
            primary, secondary = pty.openpty()
            env = {"PATH": "/usr/bin:/bin", **env_extra}
            proc = subprocess.Popen([exe, "--db", self.db, "экспорт"], env=env, stdout=secondary,
                                    stderr=subprocess.DEVNULL)
            os.close(secondary)
            out = read_terminal(primary)
            self.assertEqual(proc.wait(timeout=60), 0)
            return out
        direct = on_terminal(SEARCH)
        self.assertIn(b"\x1b[", direct)
        self.assertEqual(on_terminal(self.lonely, PRESSA_SOCKET=self.sock), direct)

    def test_fallback_when_no_server_answers(self):
        absent = os.path.join(self.tmp, "absent.sock")
        for args in INVOCATIONS[:4] + INVOCATIONS[10:12]:
            direct = self.run_search(args)
            for sock in (absent, "/dev/null", self.tmp, "x" * 200):
                with self.subTest(args=args, sock=sock[:40]):
                    self.assertEqual(self.run_search(args, PRESSA_SOCKET=sock), direct)
        code, out, err = self.run_search(INVOCATIONS[0], exe=self.lonely, PRESSA_SOCKET=absent)
        self.assertEqual((code, out), (2, b""))
        self.assertIn(b"pressa-search: cannot run ", err)
        self.assertIn(b"pressa-search-inproc", err)

    def stderr_on_terminal(self, args, exe=SEARCH, **env_extra):
        """(exit code, stdout, stderr) with stderr on a pseudo-terminal."""
        primary, secondary = pty.openpty()
        env = {"PATH": "/usr/bin:/bin", **env_extra}
        argv = [a.replace("{db}", self.db) for a in args]
        proc = subprocess.Popen([exe, *argv], env=env, stdout=subprocess.PIPE, stderr=secondary)
        os.close(secondary)
        out = proc.stdout.read()
        proc.stdout.close()
        err = read_terminal(primary)
        return proc.wait(timeout=60), out, err.replace(b"\r\n", b"\n")

    def test_a_server_that_did_not_answer_is_named_on_a_terminal_only(self):
        absent = os.path.join(self.tmp, "absent.sock")
        args = INVOCATIONS[1]
        code, out, err = self.run_search(args)
        self.assertEqual((code, err), (0, b""))
        cases = [
            (absent, b"(No such file or directory)"),
            ("x" * 200, b"(the socket path is too long)"),
            ("/tmp/a\x1b[31mred\x07.sock", b"(No such file or directory)"),
        ]
        for sock, why in cases:
            with self.subTest(sock=sock[:40]):
                t_code, t_out, t_err = self.stderr_on_terminal(args, PRESSA_SOCKET=sock)
                self.assertEqual((t_code, t_out), (code, out))
                self.assertTrue(t_err.startswith(b"pressa-search: pressa-searchd at "), t_err)
                self.assertTrue(t_err.endswith(b"; searching in-process\n"), t_err)
                self.assertIn(b" did not answer " + why, t_err)
                self.assertEqual(t_err.count(b"\n"), 1)
                # Control bytes of the path are shown, not obeyed.
                self.assertNotIn(b"\x1b", t_err)
                self.assertNotIn(b"\x07", t_err)
                # Not on a terminal (scripts, cron): nothing.
                self.assertEqual(self.run_search(args, PRESSA_SOCKET=sock), (code, out, err))
        self.assertIn(b"/tmp/a\\x1b[31mred\\x07.sock",
                      self.stderr_on_terminal(args, PRESSA_SOCKET="/tmp/a\x1b[31mred\x07.sock")[2])
        # The server answered: nothing more on the terminal than the search's own stderr.
        self.assertEqual(self.stderr_on_terminal(args, PRESSA_SOCKET=self.sock), (code, out, err))
        # No --db it could send: the server was not asked, so nothing is said.
        self.assertEqual(self.stderr_on_terminal(["--help"], PRESSA_SOCKET=absent)[2], b"")

    def test_fallback_for_a_server_of_another_index(self):
        corpus = os.path.join(self.tmp, "small-corpus")
        os.makedirs(corpus)
        articles = sorted(f for f in os.listdir(os.path.join(SRC, "corpus")) if f.endswith(".txt"))
        for name in articles[:2]:
            shutil.copy(os.path.join(SRC, "corpus", name), corpus)
        other_db = os.path.join(self.tmp, "other-db")
        subprocess.run([INDEX, "--db", other_db, corpus], check=True, capture_output=True)
        other_sock = os.path.join(self.tmp, "other.sock")
        other = start_server(other_db, other_sock)
        try:
            for args in INVOCATIONS[:3]:
                with self.subTest(args=args):
                    direct = self.run_search(args)
                    self.assertEqual(self.run_search(args, PRESSA_SOCKET=other_sock), direct)
                    t_code, t_out, t_err = self.stderr_on_terminal(args, PRESSA_SOCKET=other_sock)
                    self.assertEqual((t_code, t_out), direct[:2])
                    self.assertTrue(t_err.startswith(
                        b"pressa-search: pressa-searchd at " + other_sock.encode() +
                        b" did not answer (it serves another index); searching in-process\n"),
                        t_err)
                    # The other server answered "not mine": the lonely front end has
                    # nothing to fall back to.
                    self.assertEqual(
                        self.run_search(args, exe=self.lonely, PRESSA_SOCKET=other_sock)[0], 2)
                    # And for its own index it answers.
                    self.assertEqual(
                        self.run_search(args, exe=self.lonely, db=other_db,
                                        PRESSA_SOCKET=other_sock),
                        self.run_search(args, db=other_db))
            # A symlink to the served index is the same index.
            link = os.path.join(self.tmp, "db-link")
            os.symlink(self.db, link)
            self.assertEqual(self.run_search(INVOCATIONS[1], exe=self.lonely, db=link,
                                             PRESSA_SOCKET=self.sock),
                             self.run_search(INVOCATIONS[1]))
        finally:
            log = searchd_util.stop_server(other)
        self.assertEqual(log, "")

    def test_arguments_it_cannot_read_for_sure_run_in_process(self):
        db = self.db
        unclear = [
            ["--d", db, "экспорт"],                     # an abbreviation of --db
            ["--db", db, "--db", db, "экспорт"],        # twice
            ["--db=" + db, "--d=" + db, "экспорт"],
            ["--db", "-" + db, "экспорт"],              # a value pressa-search hides
            ["--", "--db", db, "экспорт"],              # a query word, not --db
            ["--db=", "экспорт"],
            ["--db"],
            ["--dbx", db, "экспорт"],
        ]
        for args in unclear:
            with self.subTest(args=args):
                direct = self.run_search(args)
                self.assertEqual(self.run_search(args, PRESSA_SOCKET=self.sock), direct)
                self.assertEqual(self.run_search(args, exe=self.lonely, PRESSA_SOCKET=self.sock)[0],
                                 2)
        # After "--" nothing is an option: the --db before it counts.
        args = ["--db", db, "--format", "json", "--", "--db", "/elsewhere"]
        direct = self.run_search(args)
        self.assertEqual(self.run_search(args, exe=self.lonely, PRESSA_SOCKET=self.sock), direct)

    def test_a_search_past_the_server_time_limit_fails_like_a_search(self):
        sock = os.path.join(self.tmp, "hasty.sock")
        hasty = start_server(self.db, sock, "--timeout", "1e-9")
        try:
            code, out, err = self.run_search(INVOCATIONS[1], PRESSA_SOCKET=sock)
        finally:
            log = searchd_util.stop_server(hasty)
        self.assertEqual((code, out), (2, b""))
        self.assertTrue(err.startswith(b"pressa-search: the search took too long"), err)
        self.assertEqual(err.count(b"\n"), 1)
        self.assertIn("1 timed out", log)

    def test_a_silent_server_is_treated_as_absent(self):
        path = os.path.join(self.tmp, "silent.sock")
        silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        silent.bind(path)
        silent.listen(8)
        try:
            served = self.run_search(INVOCATIONS[1], PRESSA_SOCKET=path, PRESSA_TIMEOUT="0.2")
        finally:
            silent.close()
        self.assertEqual(served, self.run_search(INVOCATIONS[1]))


if __name__ == "__main__":
    unittest.main()
