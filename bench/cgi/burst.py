#!/usr/bin/env python3
"""pressa.cgi under a burst, through a pressa-searchd this script starts.

Two scenarios, each on a fresh server (`--threads` workers) over INDEX:

  burst    N requests started at once (CGI environment, HTML page with facets), each
           allowed the default 10 s: the time until all are answered, their latency
           p50/p95, the CPU of the request processes, and how many the front end searched
           in its own process instead of through the server.
  abandon  N requests whose clients give up after 50 ms (PRESSA_TIMEOUT), then one patient
           request: how long it waits behind the abandoned ones, and the server's own
           count of searches it ran or skipped (its stop line).

The queries are bench/queries/corpus.txt. Run it with the binaries of two builds to compare
them (--bin); any index works, a large one (the 10x growth corpus's) shows the most.

  bench/cgi/burst.py --db /tmp/pressa-bench/growth/pressa-x10 [--bin build/bin] [-n 400]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse

from time_cgi import percentile  # the peers' percentiles, as the CGI benchmark reports them

HERE = os.path.dirname(os.path.abspath(__file__))
QUERIES = os.path.join(HERE, "..", "queries", "corpus.txt")


def queries():
    out = []
    with open(QUERIES, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                out.append(line.rstrip("\n").split("\t")[0])
    return out


def cgi_env(sock, db, query, timeout):
    return dict(os.environ, PRESSA_SOCKET=sock, PRESSA_DB=db, REQUEST_METHOD="GET",
                QUERY_STRING="q=" + urllib.parse.quote(query), PRESSA_TIMEOUT=str(timeout))


def start_server(binary, db, sock, threads):
    if os.path.exists(sock):
        os.unlink(sock)
    server = subprocess.Popen([os.path.join(binary, "pressa-searchd"), "--db", db, "--socket",
                               sock, "--threads", str(threads)],
                              stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not os.path.exists(sock):
        if server.poll() is not None or time.time() > deadline:
            sys.exit(f"pressa-searchd did not start: {server.communicate()[1]}")
        time.sleep(0.05)
    return server


def stop_server(server):
    server.terminate()
    return server.communicate()[1].strip()


def burst(cgi, db, sock, words, n):
    before = os.times()
    start = time.perf_counter()
    procs = [(time.perf_counter(),
              subprocess.Popen([cgi], env=cgi_env(sock, db, words[i % len(words)], 10),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
             for i in range(n)]
    latencies, in_process = [], 0
    for started, proc in procs:
        _, err = proc.communicate()
        latencies.append(time.perf_counter() - started)
        in_process += "in-process" in err
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user + after.children_system - before.children_user -
           before.children_system)
    latencies.sort()
    return (f"burst of {n}: all answered in {wall * 1000:.0f} ms; latency p50 "
            f"{percentile(latencies, 0.5) * 1000:.0f} ms, p95 "
            f"{percentile(latencies, 0.95) * 1000:.0f} ms; "
            f"CPU of the request processes {cpu:.2f} s; searched in-process {in_process}")


def abandon(cgi, db, sock, words, n):
    flood = [subprocess.Popen([cgi], env=cgi_env(sock, db, words[i % len(words)], 0.05),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for i in range(n)]
    for proc in flood:
        proc.wait()
    start = time.perf_counter()
    subprocess.run([cgi], env=cgi_env(sock, db, words[-1], 30), stdout=subprocess.DEVNULL)
    return (f"{n} clients gave up after 50 ms; the next patient request took "
            f"{(time.perf_counter() - start) * 1000:.0f} ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="index directory (or stub) to serve")
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "..", "build", "bin"))
    ap.add_argument("-n", "--requests", type=int, default=400)
    ap.add_argument("--threads", type=int, default=2, help="pressa-searchd workers")
    ap.add_argument("--scenario", choices=["burst", "abandon", "both"], default="both")
    a = ap.parse_args()
    cgi = os.path.join(a.bin, "pressa.cgi")
    if not os.path.exists(cgi):
        sys.exit(f"{cgi} is missing: build first (make build) or pass --bin")
    words = queries()
    with tempfile.TemporaryDirectory(prefix="pressa-burst-") as tmp:
        sock = os.path.join(tmp, "searchd.sock")
        for name, run in (("burst", burst), ("abandon", abandon)):
            if a.scenario not in (name, "both"):
                continue
            server = start_server(a.bin, a.db, sock, a.threads)
            # One request first: the worker's warm-up is not the burst's.
            subprocess.run([cgi], env=cgi_env(sock, a.db, words[0], 10), stdout=subprocess.DEVNULL)
            line = run(cgi, a.db, sock, words, a.requests)
            stopped = stop_server(server)
            print(line)
            if stopped:
                print("  " + stopped)


if __name__ == "__main__":
    main()
