#!/usr/bin/env python3
"""End-to-end: the deploy/ snippets for Apache and nginx+fcgiwrap serve pressa.cgi.

Each server runs on 127.0.0.1 and a free port with the snippet from deploy/ (paths
replaced by the test's), answers a search, a bad request and JSON, and is stopped.
A server that is not installed is skipped (apache2; nginx + fcgiwrap: Debian packages,
not installed by the project's scripts because their services would claim port 80).
The lighttpd snippet is exercised by tests/e2e/cgi/run.sh.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

BIN = os.environ.get("PRESSA_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("PRESSA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))
DEPLOY = os.path.join(SRC, "deploy")
APACHE_MODULES = "/usr/lib/apache2/modules"
QUERY = urllib.parse.urlencode({"q": "экспорт"})
LONG_QUERY = urllib.parse.urlencode({"q": " ".join(["экспорт"] * 600)})  # 25 KiB


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


class ServersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # World-readable copies: Apache runs CGI programs as nobody.
        cls.tmp = tempfile.mkdtemp(prefix="pressa-e2e-servers-")
        os.chmod(cls.tmp, 0o755)
        cls.lib = os.path.join(cls.tmp, "lib")
        os.makedirs(cls.lib)
        cls.cgi = os.path.join(cls.lib, "pressa.cgi")
        shutil.copy(os.path.join(BIN, "pressa.cgi"), cls.cgi)
        shutil.copy(os.path.join(BIN, "pressa-cgi-inproc"), cls.lib)  # pressa.cgi runs it
        cls.db = os.path.join(cls.tmp, "db")
        subprocess.run([os.path.join(BIN, "pressa-index"), "--db", cls.db,
                        os.path.join(SRC, "corpus")], check=True, capture_output=True)
        for root, dirs, files in os.walk(cls.tmp):
            for name in dirs + files:
                path = os.path.join(root, name)
                os.chmod(path, os.stat(path).st_mode | 0o055)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def snippet(self, name, replace):
        with open(os.path.join(DEPLOY, name)) as f:
            text = f.read()
        text = text.replace("/usr/local/lib/pressa/pressa.cgi", self.cgi)
        text = text.replace("/usr/local/lib/pressa", self.lib)
        text = text.replace("/var/lib/pressa/db", self.db)
        for old, new in replace.items():
            text = text.replace(old, new)
        return text

    def check_server(self, base):
        status, headers, body = get(f"{base}/search?{QUERY}")
        self.assertEqual(status, 200, body[:500])
        self.assertEqual(headers["Content-Type"], "text/html; charset=utf-8")
        self.assertIn("default-src 'none'", headers["Content-Security-Policy"])
        self.assertIn("3 результата", body)
        status, headers, body = get(f"{base}/search?{QUERY}&format=json")
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/json; charset=utf-8")
        self.assertIn('"total":3', body)
        # A pasted passage: the server passes its long address on (the deploy
        # snippet raises the request line's limit), and the first words are searched.
        status, _, body = get(f"{base}/search?{LONG_QUERY}")
        self.assertEqual(status, 200, body[:500])
        self.assertIn("поиск шёл по его началу: 256 слов из 600.", body)
        status, _, body = get(f"{base}/search?page=-1")
        self.assertEqual(status, 400)
        self.assertIn("Неверный номер страницы", body)

    @unittest.skipUnless(os.path.exists("/usr/sbin/apache2") and
                         os.path.exists(f"{APACHE_MODULES}/mod_cgid.so"),
                         "apache2 is not installed")
    def test_apache(self):
        work = tempfile.mkdtemp(dir=self.tmp)
        os.chmod(work, 0o755)  # the workers (nobody) reach the cgid socket here
        port = free_port()
        with open(os.path.join(work, "pressa.conf"), "w") as f:
            f.write(self.snippet("apache.conf", {}))
        modules = ["mpm_event", "authz_core", "alias", "env", "cgid"]
        conf = "\n".join(
            [f"ServerRoot {work}", f"PidFile {work}/httpd.pid", f"Listen 127.0.0.1:{port}",
             "ServerName localhost", f"ErrorLog {work}/error.log", f"ScriptSock {work}/cgisock",
             f"DocumentRoot {work}", "User nobody", "Group nogroup"] +
            [f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in modules] +
            [f"Include {work}/pressa.conf", ""])
        with open(os.path.join(work, "httpd.conf"), "w") as f:
            f.write(conf)
        server = subprocess.Popen(["/usr/sbin/apache2", "-f", f"{work}/httpd.conf",
                                   "-DFOREGROUND"], stderr=subprocess.DEVNULL)
        try:
            wait_for(port)
            self.check_server(f"http://127.0.0.1:{port}")
        finally:
            server.send_signal(signal.SIGWINCH)  # Apache's graceful stop
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    @unittest.skipUnless(os.path.exists("/usr/sbin/nginx") and
                         os.path.exists("/usr/sbin/fcgiwrap") and
                         os.path.exists("/etc/nginx/fastcgi_params"),
                         "nginx or fcgiwrap is not installed")
    def test_nginx_fcgiwrap(self):
        work = tempfile.mkdtemp(dir=self.tmp)
        port = free_port()
        sock = os.path.join(work, "fcgiwrap.sock")
        with open(os.path.join(work, "pressa.conf"), "w") as f:
            f.write(self.snippet("nginx-fcgiwrap.conf", {
                "unix:/run/fcgiwrap.socket": f"unix:{sock}",
                "include fastcgi_params;": "include /etc/nginx/fastcgi_params;"}))
        temp = "".join(f"  {k}_temp_path {work}/tmp;\n"
                       for k in ("client_body", "fastcgi", "proxy", "uwsgi", "scgi"))
        user = "user root;\n" if os.getuid() == 0 else ""
        with open(os.path.join(work, "nginx.conf"), "w") as f:
            f.write(f"{user}worker_processes 1;\npid {work}/nginx.pid;\n"
                    f"error_log {work}/error.log;\ndaemon off;\nevents {{}}\n"
                    f"http {{\n  access_log off;\n{temp}"
                    f"  server {{\n    listen 127.0.0.1:{port};\n"
                    f"    include {work}/pressa.conf;\n  }}\n}}\n")
        os.makedirs(os.path.join(work, "tmp"))
        wrap = subprocess.Popen(["/usr/sbin/fcgiwrap", "-s", f"unix:{sock}"])
        server = subprocess.Popen(["/usr/sbin/nginx", "-c", f"{work}/nginx.conf", "-p", work],
                                  stderr=subprocess.DEVNULL)
        try:
            wait_for(port)
            self.check_server(f"http://127.0.0.1:{port}")
        finally:
            for p in (server, wrap):
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


if __name__ == "__main__":
    unittest.main(verbosity=2)
