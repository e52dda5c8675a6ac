#!/usr/bin/env python3
"""End-to-end: pressa.cgi on an index of corpus/, in CGI mode and from the command line.

format=json must be byte for byte the JSON of `pressa-search --format json` for the same
request; the index path comes from PRESSA_DB or pressa.cgi.conf beside the binary; the
page shows results, facets and pages; unknown ids, bad requests and a missing index get
their status pages.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("PRESSA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))
CGI = os.path.join(BIN, "pressa.cgi")
S000 = "000_79f07d462ba013fb"


def split_response(out):
    head, _, body = out.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode().split("\r\n"):
        name, _, value = line.partition(": ")
        headers[name.lower()] = value
    return int(headers["status"].split()[0]), headers, body.decode()


class CgiCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-e2e-cgi-")
        cls.db = os.path.join(cls.tmp, "db")
        subprocess.run([os.path.join(BIN, "pressa-index"), "--db", cls.db,
                        os.path.join(SRC, "corpus")], check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def cgi(self, query_string, method="GET", db=None, exe=CGI):
        env = {"PATH": "/usr/bin:/bin", "REQUEST_METHOD": method, "QUERY_STRING": query_string}
        if db is not False:
            env["PRESSA_DB"] = db or self.db
        proc = subprocess.run([exe], env=env, capture_output=True, timeout=60)
        self.assertEqual(proc.returncode, 0)
        return split_response(proc.stdout) + (proc.stderr.decode(),)

    def cli(self, *args):
        env = {"PATH": "/usr/bin:/bin", "PRESSA_DB": self.db}
        proc = subprocess.run([CGI, *args], env=env, capture_output=True, timeout=60)
        self.assertEqual(proc.returncode, 0)
        return split_response(proc.stdout)

    def test_json_equals_pressa_search(self):
        cases = [
            (["экспорт"], {"q": "экспорт"}),
            (["--from", "2026-02-01", "--to", "2026-02-28", "экспорт"],
             {"q": "экспорт", "from": "2026-02-01", "to": "2026-02-28"}),
            (["--org", "РЭЦ", "--limit", "1", "--offset", "1"],
             {"org": "РЭЦ", "limit": "1", "page": "2"}),
            (["--person", "анохин", "--place", "беларусь", "--sort", "date"],
             {"person": "анохин", "place": "беларусь", "sort": "date"}),
            (["--like", S000], {"like": S000}),
            (['"Российская газета"'], {"q": '"Российская газета"'}),
        ]
        for args, params in cases:
            want = subprocess.run([os.path.join(BIN, "pressa-search"), "--db", self.db,
                                   "--format", "json", *args],
                                  check=True, capture_output=True, text=True).stdout
            params = dict(params, format="json")
            status, headers, body, _ = self.cgi(urllib.parse.urlencode(params))
            self.assertEqual(status, 200, params)
            self.assertEqual(headers["content-type"], "application/json; charset=utf-8")
            self.assertEqual(body, want, params)
            # The command-line mode gives the same answer.
            self.assertEqual(self.cli(*[f"{k}={v}" for k, v in params.items()])[2], want)

    def test_html_page_shows_results_facets_and_pages(self):
        status, headers, body, _ = self.cgi("q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&limit=1")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "text/html; charset=utf-8")
        self.assertIn("default-src 'none'", headers["content-security-policy"])
        self.assertIn("3 результата", body)
        self.assertIn("<mark>", body)
        self.assertIn("Годы</h2>", body)
        self.assertIn('rel="next" href="?q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&amp;limit=1'
                      '&amp;page=2"', body)

    def test_filter_only_listing(self):
        status, _, body, _ = self.cgi(urllib.parse.urlencode({"place": "Беларусь"}))
        self.assertEqual(status, 200)
        self.assertIn("Беларусь ×", body)  # the active filter chip
        self.assertIn("3 результата", body)

    def test_unknown_article_is_404(self):
        status, _, body, _ = self.cgi("like=no-such-article")
        self.assertEqual(status, 404)
        self.assertIn("Статья не найдена", body)

    def test_bad_request_lists_problems_in_russian(self):
        status, _, body, _ = self.cgi("q=x&page=-1&from=2026-02-30&format=pdf")
        self.assertEqual(status, 400)
        for text in ("Неверный номер страницы", "Неверная дата", "Неизвестный формат"):
            self.assertIn(text, body)
        status, headers, body, _ = self.cgi("q=x&page=0&format=json")
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["error"], "Неверный запрос")

    def test_missing_index_is_503_and_logged(self):
        status, headers, body, log = self.cgi("q=x", db="/nonexistent/secret-dir")
        self.assertEqual(status, 503)
        self.assertNotIn("secret-dir", body)
        self.assertIn("secret-dir", log)
        self.assertEqual(headers.get("retry-after"), "60")

    def test_config_file_beside_the_binary(self):
        exe_dir = os.path.join(self.tmp, "cgi-bin")
        os.makedirs(exe_dir, exist_ok=True)
        exe = os.path.join(exe_dir, "pressa.cgi")
        shutil.copy(CGI, exe)
        shutil.copy(os.path.join(BIN, "pressa-cgi-inproc"), exe_dir)  # pressa.cgi runs it
        status, _, _, log = self.cgi("q=x", db=False, exe=exe)
        self.assertEqual(status, 503)
        self.assertIn("pressa.cgi.conf", log)
        with open(exe + ".conf", "w") as f:
            f.write(f"# the index\ndb = {self.db}\n")
        status, _, body, _ = self.cgi("q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82", db=False,
                                      exe=exe)
        self.assertEqual(status, 200)
        self.assertIn("3 результата", body)

    def test_head_has_no_body(self):
        proc = subprocess.run([CGI], env={"REQUEST_METHOD": "HEAD", "QUERY_STRING": "",
                                          "PRESSA_DB": self.db}, capture_output=True)
        self.assertTrue(proc.stdout.startswith(b"Status: 200 OK\r\n"))
        self.assertTrue(proc.stdout.endswith(b"\r\n\r\n"))


if __name__ == "__main__":
    unittest.main()
