#!/usr/bin/env python3
"""End-to-end: pressa.cgi through pressa-searchd (PRESSA_SOCKET or `socket =` in
pressa.cgi.conf) answers byte for byte what pressa.cgi answers in its own process; it
falls back to that when no server runs; the server follows a new commit of the index,
survives garbage on its socket, and removes its socket on SIGTERM.
"""
import os
import shutil
import socket
import subprocess
import tempfile
import unittest
import urllib.parse

import searchd_util

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("PRESSA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))
CGI = os.path.join(BIN, "pressa.cgi")
SEARCHD = os.path.join(BIN, "pressa-searchd")
INDEX = os.path.join(BIN, "pressa-index")


def q(**params):
    return urllib.parse.urlencode(params)


# HTML and JSON, facets (filters), paging, sorting, HEAD, errors, hostile strings.
REQUESTS = [
    ("GET", q(q="экспорт")),
    ("GET", q(q="экспорт", format="json")),
    ("GET", q(q="Смоленской области", limit=1, page=2)),
    ("GET", q(q="промышленной политики", format="json", limit=2, page=2)),
    ("GET", q(q="выставка", place="Смоленская область")),
    ("GET", q(q="", source="Российская газета", sort="date", format="json")),
    ("GET", q(q='"Российская газета"', **{"from": "2020-01-01", "to": "2030-12-31"})),
    ("HEAD", q(q="экспорт")),
    ("GET", ""),
    ("GET", "page=-1&from=2026-02-30&format=json"),
    ("POST", q(q="экспорт")),
    ("GET", q(like="no-such-article")),
    ("GET", q(q='"незакрытая кавычка')),
    ("GET", q(q='<script>alert("x")</script>', org='"><img src=x onerror=alert(1)>')),
    ("GET", "q=%FF%FE%00&db=/etc/passwd&PRESSA_DB=/etc&socket=/tmp/x"),
    ("GET", "q=" + "a" * 5000),
    ("GET", "&" * 40000),
]


class SearchdTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-e2e-searchd-")
        cls.db = os.path.join(cls.tmp, "db")
        subprocess.run([INDEX, "--db", cls.db, os.path.join(SRC, "corpus")], check=True,
                       capture_output=True)
        cls.sock = os.path.join(cls.tmp, "searchd.sock")
        cls.server = cls.start_server(cls.db, cls.sock)

    @classmethod
    def tearDownClass(cls):
        cls.stop_server(cls.server)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @staticmethod
    def start_server(db, sock, threads=2):
        return searchd_util.start_server(SEARCHD, db, sock, "--threads", str(threads))

    stop_server = staticmethod(searchd_util.stop_server)

    def cgi(self, method, query_string, args=(), exe=CGI, **env_extra):
        env = {"PATH": "/usr/bin:/bin", "PRESSA_DB": self.db}
        if method is not None:
            env.update(REQUEST_METHOD=method, QUERY_STRING=query_string)
        env.update(env_extra)
        proc = subprocess.run([exe, *args], env=env, capture_output=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout, proc.stderr.decode()

    def test_same_bytes_as_in_process(self):
        for method, qs in REQUESTS:
            with self.subTest(method=method, qs=qs[:80]):
                direct, _ = self.cgi(method, qs)
                served, log = self.cgi(method, qs, PRESSA_SOCKET=self.sock)
                self.assertEqual(served, direct)
                self.assertEqual(log, "")
                self.assertTrue(served.startswith(b"Status: "))
                self.assertNotIn(b"<script>", served)

    def test_command_line_mode_through_the_server(self):
        args = ["q=экспорт", "place=Смоленская область", "format=json"]
        direct, _ = self.cgi(None, "", args)
        served, _ = self.cgi(None, "", args, PRESSA_SOCKET=self.sock)
        self.assertEqual(served, direct)
        self.assertIn(b'"total":', served)
        usage, _ = self.cgi(None, "", ["--help"], PRESSA_SOCKET=self.sock)
        self.assertIn(b"usage: pressa.cgi", usage)

    def test_socket_from_the_config_file(self):
        exe_dir = os.path.join(self.tmp, "cgi-bin")
        os.makedirs(exe_dir, exist_ok=True)
        exe = os.path.join(exe_dir, "pressa.cgi")
        shutil.copy(CGI, exe)
        shutil.copy(os.path.join(BIN, "pressa-cgi-inproc"), exe_dir)
        with open(exe + ".conf", "w") as f:
            f.write(f"# both\ndb = {self.db}\nsocket = {self.sock}\n")
        direct, _ = self.cgi("GET", q(q="экспорт"))
        # No PRESSA_DB either: a server answers, the config names it.
        env = {"PATH": "/usr/bin:/bin", "REQUEST_METHOD": "GET", "QUERY_STRING": q(q="экспорт")}
        proc = subprocess.run([exe], env=env, capture_output=True, timeout=60)
        self.assertEqual(proc.stdout, direct)
        self.assertEqual(proc.stderr, b"")
        # The config's socket is dead: answered in-process from the config's db.
        with open(exe + ".conf", "w") as f:
            f.write(f"db = {self.db}\nsocket = {self.tmp}/nobody.sock\n")
        proc = subprocess.run([exe], env=env, capture_output=True, timeout=60)
        self.assertEqual(proc.stdout, direct)
        self.assertIn(b"answering in-process", proc.stderr)

    def test_fallback_when_no_server_runs(self):
        for method, qs in REQUESTS[:4]:
            direct, _ = self.cgi(method, qs)
            for sock in (os.path.join(self.tmp, "absent.sock"), "/dev/null"):
                served, log = self.cgi(method, qs, PRESSA_SOCKET=sock)
                self.assertEqual(served, direct)
                self.assertIn("answering in-process", log)
        # Without the in-process program beside it, pressa.cgi still answers (500).
        lonely = os.path.join(self.tmp, "lonely")
        os.makedirs(lonely, exist_ok=True)
        shutil.copy(CGI, lonely)
        out, log = self.cgi("GET", q(q="экспорт"), exe=os.path.join(lonely, "pressa.cgi"))
        self.assertTrue(out.startswith(b"Status: 500 "))
        self.assertIn("pressa-cgi-inproc", log)
        self.assertNotIn(self.tmp.encode(), out)

    def test_server_follows_a_new_commit(self):
        corpus = os.path.join(self.tmp, "growing")
        os.makedirs(corpus, exist_ok=True)
        articles = sorted(f for f in os.listdir(os.path.join(SRC, "corpus")) if f.endswith(".txt"))
        for name in articles[:3]:
            shutil.copy(os.path.join(SRC, "corpus", name), corpus)
        db = os.path.join(self.tmp, "growing-db")
        subprocess.run([INDEX, "--db", db, corpus], check=True, capture_output=True)
        sock = os.path.join(self.tmp, "growing.sock")
        server = self.start_server(db, sock, threads=1)
        try:
            request = q(q="Российская газета", format="json")
            before, _ = self.cgi("GET", request, PRESSA_SOCKET=sock, PRESSA_DB=db)
            for name in articles[3:]:
                shutil.copy(os.path.join(SRC, "corpus", name), corpus)
            subprocess.run([INDEX, "--db", db, corpus], check=True, capture_output=True)
            after, _ = self.cgi("GET", request, PRESSA_SOCKET=sock, PRESSA_DB=db)
            direct, _ = self.cgi("GET", request, PRESSA_DB=db)
            self.assertEqual(after, direct)
            self.assertNotEqual(after, before)
            # And a rebuild that swaps generations.
            subprocess.run([INDEX, "--db", db, "--rebuild", corpus], check=True,
                           capture_output=True)
            again, _ = self.cgi("GET", request, PRESSA_SOCKET=sock, PRESSA_DB=db)
            self.assertEqual(again, self.cgi("GET", request, PRESSA_DB=db)[0])
        finally:
            log = self.stop_server(server)
        self.assertEqual(log, "")

    def test_survives_garbage_on_the_socket(self):
        garbage = [b"GET / HTTP/1.0\r\n\r\n", b"PQR1\xff\xff\xff\x7f", b"PQR1\x10\x00\x00\x00abc",
                   b"\x00" * 70000, b"PQR1\x05\x00\x00\x00Z\x00\x00\x00\x00", b""]
        for g in garbage:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(30)
            s.connect(self.sock)
            try:
                s.sendall(g)
                s.shutdown(socket.SHUT_WR)
                self.assertEqual(s.recv(100), b"")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server hung up before reading it all
            finally:
                s.close()
        self.assertIsNone(self.server.poll())
        direct, _ = self.cgi("GET", q(q="экспорт"))
        self.assertEqual(self.cgi("GET", q(q="экспорт"), PRESSA_SOCKET=self.sock)[0], direct)

    def test_silent_server_gets_the_timeout_page(self):
        # A "server" that accepts and never answers: pressa.cgi answers 503 at PRESSA_TIMEOUT
        # with the page pressa-cgi-inproc sends when its own time runs out.
        path = os.path.join(self.tmp, "silent.sock")
        silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        silent.bind(path)
        silent.listen(8)
        try:
            out, log = self.cgi("GET", q(q="экспорт"), PRESSA_SOCKET=path, PRESSA_TIMEOUT="0.3")
        finally:
            silent.close()
        self.assertTrue(out.startswith(b"Status: 503 "))
        self.assertIn("did not answer", log)
        timed_out, _ = self.cgi("GET", q(q="экспорт"), exe=os.path.join(BIN, "pressa-cgi-inproc"),
                                PRESSA_TIMEOUT="0.000001")
        self.assertEqual(out, timed_out)
        # The server's own limit (--timeout) answers with the same page.
        sock = os.path.join(self.tmp, "hasty.sock")
        proc = subprocess.Popen([SEARCHD, "--db", self.db, "--socket", sock, "--timeout", "1e-9"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        searchd_util.wait_for_socket(sock, proc)
        try:
            served, _ = self.cgi("GET", q(q="экспорт"), PRESSA_SOCKET=sock)
        finally:
            log = self.stop_server(proc)
        self.assertEqual(served, timed_out)
        self.assertIn("1 timed out", log)

    def test_refuses_a_path_that_is_not_a_socket_and_cleans_up(self):
        path = os.path.join(self.tmp, "regular-file")
        with open(path, "w") as f:
            f.write("keep me")
        proc = subprocess.run([SEARCHD, "--db", self.db, "--socket", path], capture_output=True,
                              timeout=30)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"not a socket", proc.stderr)
        with open(path) as f:
            self.assertEqual(f.read(), "keep me")
        proc = subprocess.run([SEARCHD, "--db", self.db, "--socket", self.sock],
                              capture_output=True, timeout=30)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"another server", proc.stderr)
        # SIGTERM removes the socket.
        sock = os.path.join(self.tmp, "short-lived.sock")
        server = self.start_server(self.db, sock)
        self.assertEqual(oct(os.stat(sock).st_mode & 0o777), "0o660")
        self.stop_server(server)
        self.assertEqual(server.returncode, 0)
        self.assertFalse(os.path.exists(sock))


if __name__ == "__main__":
    unittest.main()
