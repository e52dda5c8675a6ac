#!/usr/bin/env python3
"""End-to-end: pressa.cgi in CGI mode against hostile requests.

Each request runs the real binary with REQUEST_METHOD=GET and a QUERY_STRING, as a web
server would. Whatever the request carries, the answer must be a well-formed CGI response
with our headers only, status 200 or 400 (never 500, never a crash), in bounded time, and
no payload may reach the HTML unescaped.
"""
import json
import os
import html.parser
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("PRESSA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))
CGI = os.path.join(BIN, "pressa.cgi")
PARAMS = ["q", "from", "to", "org", "person", "place", "source", "sort", "page", "limit",
          "format"]
HEADERS = {"status", "content-type", "content-security-policy", "x-content-type-options",
           "x-frame-options", "referrer-policy", "allow", "retry-after"}
# Payloads aimed at markup, attributes, URLs and the header block.
XSS = [
    '<script>alert("pwn")</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
    "<a href=//evil.example>x</a>",
    "{{7*7}}<!--",
    "<style>body{display:none}</style>",
    "&lt;script&gt;",  # already-escaped text must be escaped again, not decoded
]
# What a payload would look like had it reached the page unescaped (raw text that the
# HTML parser below would not catch, such as a comment opener).
FORBIDDEN = [re.compile(p, re.I) for p in (r"<script", r"<!--", r"<a href=//evil")]
ACTIVE_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "base", "link", "meta",
               "frame", "frameset"}
PAGE_META = {("charset", "utf-8"), ("name", "viewport"), ("name", "referrer")}


class TagCollector(html.parser.HTMLParser):
    """Every tag and attribute of a page, as a browser's parser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


TIME_LIMIT = 20  # seconds for one request, sanitizer builds included


class Response:
    def __init__(self, proc):
        self.returncode = proc.returncode
        self.stderr = proc.stderr.decode("utf-8", "replace")
        raw = proc.stdout
        head, sep, body = raw.partition(b"\r\n\r\n")
        self.complete = bool(sep)
        self.header_lines = head.decode("latin-1").split("\r\n")
        self.headers = {}
        for line in self.header_lines:
            name, _, value = line.partition(": ")
            self.headers.setdefault(name.lower(), []).append(value)
        self.status = int(self.headers.get("status", ["0"])[0].split()[0])
        self.content_type = self.headers.get("content-type", [""])[0]
        self.body_bytes = body
        self.body = body.decode("utf-8")  # raises on invalid UTF-8: a failure in itself


class HostileCgiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pressa-cgi-hostile-")
        cls.db = os.path.join(cls.tmp, "db")
        # Hostile content too: an archive may hold markup in any field.
        evil = os.path.join(cls.tmp, "evil.jsonl")
        with open(evil, "w", encoding="utf-8") as f:
            for i, url in enumerate(["javascript:alert(1)", 'https://x.example/"><script>',
                                     "data:text/html,<script>alert(1)</script>"]):
                f.write(json.dumps({
                    "id": f"evil-{i}<script>", "title": '<script>alert("t")</script>злодей',
                    "text": 'Злодейская статья <img src=x onerror=alert(1)> и "кавычки" & '
                            "амперсанд <!-- <style>body{display:none}</style>",
                    "source": "<b onmouseover=alert(1)>", "url": url, "date": "2026-02-09"},
                    ensure_ascii=False) + "\n")
        proc = subprocess.run([os.path.join(BIN, "pressa-index"), "--db", cls.db,
                               os.path.join(SRC, "corpus"), evil], capture_output=True,
                              timeout=300)
        assert proc.returncode in (0, 4), proc.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def env(self, query_string, **extra):
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "ASAN_OPTIONS",
                                                            "UBSAN_OPTIONS", "LANG")}
        env.update(REQUEST_METHOD="GET", QUERY_STRING=query_string, PRESSA_DB=self.db,
                   GATEWAY_INTERFACE="CGI/1.1", SERVER_PROTOCOL="HTTP/1.1")
        env.update(extra)
        return env

    def request(self, query_string, args=(), **extra):
        proc = subprocess.run([CGI, *args], env=self.env(query_string, **extra),
                              capture_output=True, timeout=TIME_LIMIT)
        r = Response(proc)
        self.check_safe(r, query_string)
        return r

    def check_safe(self, r, what):
        what = what[:200]
        self.assertEqual(r.returncode, 0, (what, r.stderr))
        self.assertTrue(r.complete, what)
        self.assertIn(r.status, (200, 400), (what, r.header_lines, r.body[:500]))
        for line in r.header_lines:
            name = line.partition(": ")[0].lower()
            self.assertIn(name, HEADERS, ("injected header", what, line))
        self.assertEqual(len(r.headers["content-type"]), 1)
        self.assertIn("charset=utf-8", r.content_type)
        self.assertIn("default-src 'none'", r.headers["content-security-policy"][0])
        if r.content_type.startswith("text/html"):
            for pattern in FORBIDDEN:
                self.assertIsNone(pattern.search(r.body), (what, pattern.pattern))
            parser = TagCollector()
            parser.feed(r.body)
            for tag, attrs in parser.tags:
                if tag == "meta":  # the page's own: charset, viewport, referrer
                    self.assertTrue(any(a in PAGE_META for a in attrs), (what, attrs))
                    continue
                self.assertNotIn(tag, ACTIVE_TAGS, (what, tag, attrs))
                for name, value in attrs:
                    self.assertFalse(name.startswith("on"), (what, tag, name))
                    self.assertNotIn(name, ("src", "srcdoc", "formaction"), (what, tag))
                    if name in ("href", "action"):
                        self.assertFalse((value or "").strip().lower().startswith(
                            ("javascript:", "data:", "vbscript:", "//")), (what, value))
        else:
            json.loads(r.body)
        # Nothing of the machine's insides: paths, exception names.
        self.assertNotIn(self.db, r.body, what)
        self.assertNotIn("Xapian", r.body, what)
        self.assertNotIn("exception", r.body.lower(), what)

    def test_xss_in_every_parameter(self):
        for name in PARAMS:
            for payload in XSS:
                with self.subTest(name=name, payload=payload):
                    qs = urllib.parse.urlencode({name: payload})
                    r = self.request(qs)
                    if name in ("org", "person", "place", "source"):
                        self.assertEqual(r.status, 200, r.body[:300])
                    if name in ("from", "to", "sort", "page", "limit"):
                        self.assertEqual(r.status, 400, r.body[:300])

    def test_xss_in_query_is_shown_escaped(self):
        r = self.request(urllib.parse.urlencode({"q": '<script>alert("pwn")</script>'}))
        self.assertEqual(r.status, 200)
        self.assertIn("&lt;script&gt;", r.body)

    def test_hostile_indexed_content_is_escaped(self):
        for qs in ["q=%D0%B7%D0%BB%D0%BE%D0%B4%D0%B5%D0%B9", "q=%D0%B7%D0%BB%D0%BE%D0%B4%D0%B5%D0%B9&sort=date",
                   "source=%3Cb+onmouseover%3Dalert%281%29%3E", "from=2026-02-09&to=2026-02-09"]:
            with self.subTest(qs=qs):
                r = self.request(qs)
                self.assertEqual(r.status, 200)
                self.assertIn("&lt;script&gt;", r.body)
                self.assertNotIn("javascript:", r.body.lower().replace("&amp;", "&"))

    def test_xss_in_json_format_stays_json(self):
        for payload in XSS:
            r = self.request(urllib.parse.urlencode({"q": payload, "format": "json"}))
            self.assertTrue(r.content_type.startswith("application/json"), r.content_type)
            doc = json.loads(r.body)
            if r.status == 200:
                self.assertEqual(doc["query"], payload)
            else:
                self.assertTrue(doc["error"] and doc["messages"], doc)

    def test_xss_in_parameter_names_and_raw_bytes(self):
        for qs in ['<script>=1&q=x', 'q=<script>alert(1)</script>', 'q="><img src=x onerror=a>',
                   'q=%3Cscript%3E%3C%2Fscript%3E&%3Cb%3E=%3Ci%3E']:
            self.request(qs)

    def test_paths_never_pick_the_index_or_a_file(self):
        for value in ["../../../../etc/passwd", "/etc/passwd", "..%2F..%2Fetc%2Fpasswd",
                      "....//....//etc/passwd", "%2e%2e%2f%2e%2e%2f", "file:///etc/passwd",
                      "/proc/self/environ", "\\..\\..\\windows\\win.ini"]:
            for name in ("q", "db", "PRESSA_DB", "template", "fmt", "format", "source"):
                with self.subTest(name=name, value=value):
                    r = self.request(f"{name}={urllib.parse.quote(value, safe='%')}")
                    self.assertNotIn("root:x:0:0", r.body)
                    self.assertNotIn("PRESSA_DB=", r.body)
        # The index comes from the server's configuration only.
        r = self.request("q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&db=/nonexistent")
        self.assertEqual(r.status, 200)
        self.assertIn("000_79f07d462ba013fb", r.body)

    def test_huge_query_strings(self):
        # Linux caps one environment string at 128 KiB (MAX_ARG_STRLEN), so a web
        # server can hand a CGI at most that; beyond it the parser's own limit applies.
        for letters in (2500, 7000, 20_000):  # 5 KB of q; 42 KB and 120 KB of QUERY_STRING
            with self.subTest(letters=letters):
                r = self.request("q=" + "%D0%B0" * letters)
                self.assertEqual(r.status, 400)
                # A long query is searched by the words that fit, but one
                # word of 5 KB is not a word.
                self.assertIn("Первое слово запроса длиннее 4096 байт" if letters == 2500
                              else "допускается не более", r.body)
        # One megabyte in command-line mode: NAME=VALUE arguments, ten of 100 KB.
        args = [f"q{i}=" + "ж" * 50_000 for i in range(10)]
        env = self.env("")
        del env["REQUEST_METHOD"]
        proc = subprocess.run([CGI, *args], env=env, capture_output=True, timeout=TIME_LIMIT)
        r = Response(proc)
        self.check_safe(r, "1 MB of arguments")
        self.assertEqual(r.status, 400)

    def test_many_repeated_parameters(self):
        for count in (101, 5000, 20000):
            with self.subTest(count=count):
                r = self.request("&".join(["org=x"] * count)[:120_000])
                self.assertEqual(r.status, 400)
        r = self.request("&".join(["org=%D0%A0%D0%AD%D0%A6"] * 90))  # under the limit
        self.assertEqual(r.status, 200)
        r = self.request("&".join(f"q=a{i}" for i in range(50)))
        self.assertEqual(r.status, 400)  # one q, many values: which did the user mean?

    def test_overlong_and_invalid_utf8(self):
        for raw in ["%C0%AF", "%C0%AE%C0%AE%C0%AF", "%E0%80%AF", "%F0%80%80%AF", "%ED%A0%80",
                    "%F4%90%80%80", "%FF%FE", "%D0", "%80%80", "a%C1%BFb", "%F8%88%80%80%80"]:
            for name in ("q", "org", "from"):
                with self.subTest(name=name, raw=raw):
                    r = self.request(f"{name}={raw}")
                    self.assertEqual(r.status, 400)
                    self.assertIn("UTF-8", r.body) if name != "from" else None

    def test_header_injection(self):
        for value in ["x%0d%0aSet-Cookie:%20pwn=1", "x%0aLocation:%20http://evil.example/",
                      "x%0d%0a%0d%0a<script>alert(1)</script>", "%0d%0aStatus:%20302",
                      "x%00y", "x%0bStatus: 200"]:
            for name in ("q", "format", "sort", "page", "org"):
                with self.subTest(name=name, value=value):
                    r = self.request(f"{name}={value}")
                    self.assertNotIn("set-cookie", r.headers)
                    self.assertNotIn("location", r.headers)
                    self.assertEqual(len(r.headers["status"]), 1)

    def test_invalid_percent_encoding(self):
        for qs in ["q=%", "q=%zz", "q=%4", "q=%%%", "q=%G0abc", "q=100%25", "%=%", "=&=&&",
                   "q=%2", "q=a%2Bb+c", "&&&&", "q"]:
            with self.subTest(qs=qs):
                r = self.request(qs)
                self.assertIn(r.status, (200, 400))

    def test_bad_values(self):
        for qs, word in [("page=-1", "page"), ("page=99999999999999999999", "page"),
                         ("limit=0", "«0»"), ("limit=100000", "«100000»"),
                         ("from=2026-02-30", "2026-02-30"), ("to=2026-13-01", "2026-13-01"),
                         ("sort=random", "sort"), ("format=xml", "format"),
                         ("from=2026-03-01&to=2026-02-01", "")]:
            with self.subTest(qs=qs):
                r = self.request(qs + "&q=x")
                self.assertEqual(r.status, 400, r.body[:300])
                if word:
                    self.assertIn(word, r.body)

    def test_hostile_query_syntax_is_a_400_not_a_crash(self):
        for q in ['"' * 1001, "(" * 2000, ")" * 2000, "NOT " * 500, "OR " * 800, "-" * 3000,
                  "org:" * 500, 'a "b c', "(a OR b", "AND", "НЕ", "* ? ~ ^ :"]:
            with self.subTest(q=q[:20]):
                self.request(urllib.parse.urlencode({"q": q}))

    def test_a_long_query_is_searched_by_its_first_words(self):
        # 599 words expanding to 300 terms: the first 256 terms' words are
        # searched (the last OR left without a right side is dropped), and
        # the page says so.
        words = " OR ".join(f"w{i}" for i in range(300))
        r = self.request(urllib.parse.urlencode({"q": words}))
        self.assertEqual(r.status, 200, r.body[:300])
        self.assertIn("Запрос длинный, поиск шёл по его началу: 512 слов из 599.", r.body)
        # Over 4096 bytes (6 KB, 17 KB of QUERY_STRING).
        r = self.request(urllib.parse.urlencode({"q": " ".join(["экспорт"] * 400)}))
        self.assertEqual(r.status, 200, r.body[:300])
        self.assertIn("поиск шёл по его началу: 256 слов из 400.", r.body)
        r = self.request(urllib.parse.urlencode({"q": " OR ".join(f"w{i}" for i in range(100))}))
        self.assertEqual(r.status, 200)
        self.assertNotIn("Запрос длинный", r.body)

    def test_a_query_of_stopwords_only_says_so_in_russian(self):
        for q in ("и в на", "???"):
            with self.subTest(q=q):
                r = self.request(urllib.parse.urlencode({"q": q}))
                self.assertEqual(r.status, 400)
                self.assertIn("В запросе нет слов для поиска: служебные слова", r.body)
        r = self.request(urllib.parse.urlencode({"q": "и в на", "format": "json"}))
        self.assertEqual(r.status, 400)
        self.assertIn("В запросе нет слов для поиска", json.loads(r.body)["messages"][0])

    def test_other_methods_are_refused(self):
        for method in ("POST", "PUT", "DELETE", "TRACE", "OPTIONS", "get", "G\r\nX: y"):
            with self.subTest(method=method):
                env = self.env("q=x", REQUEST_METHOD=method)
                proc = subprocess.run([CGI], env=env, capture_output=True, timeout=TIME_LIMIT)
                r = Response(proc)
                self.assertEqual(r.status, 405)
                self.assertEqual(r.headers["allow"], ["GET, HEAD"])

    def test_request_over_its_time_is_cut_off_with_a_message(self):
        # PRESSA_TIMEOUT comes from the server configuration; a microsecond
        # leaves no request enough time, so the cut-off answer must come.
        env = self.env("q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82", PRESSA_TIMEOUT="0.000001")
        proc = subprocess.run([CGI], env=env, capture_output=True, timeout=TIME_LIMIT)
        r = Response(proc)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.status, 503)
        self.assertIn("слишком много времени", r.body)
        self.assertEqual(r.headers["retry-after"], ["60"])
        # A normal limit leaves a normal request alone.
        env["PRESSA_TIMEOUT"] = "30"
        r = Response(subprocess.run([CGI], env=env, capture_output=True, timeout=60))
        self.assertEqual(r.status, 200)

    def test_missing_index_is_503_without_details(self):
        env = self.env("q=x", PRESSA_DB=os.path.join(self.tmp, "no-such-index"))
        proc = subprocess.run([CGI], env=env, capture_output=True, timeout=TIME_LIMIT)
        r = Response(proc)
        self.assertEqual(r.status, 503)
        self.assertNotIn("no-such-index", r.body)
        self.assertIn("no-such-index", r.stderr)  # the details go to the server's log


if __name__ == "__main__":
    unittest.main()
