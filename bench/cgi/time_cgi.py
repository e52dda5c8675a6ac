#!/usr/bin/env python3
"""Times whole CGI requests: one process per request, as a web server runs it.

Usage: time_cgi.py --label NAME --reps N --queries FILE [--env K=V]... \
           --qs 'TEMPLATE with {q}' -- /path/to/cgi
Prints one line: label, runs, p50/p95/mean in ms, and the HTTP status seen.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.parse


def percentile(sorted_values, p):
    """Linear interpolation between closest ranks (as the peers' summarize.py)."""
    k = (len(sorted_values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--label', required=True)
    ap.add_argument('--reps', type=int, default=20)
    ap.add_argument('--warmup', type=int, default=1)
    ap.add_argument('--queries', required=True)
    ap.add_argument('--qs', required=True, help="QUERY_STRING template with {q}")
    ap.add_argument('--env', action='append', default=[])
    ap.add_argument('cgi', nargs='+')
    args = ap.parse_args()

    queries = [l.rstrip('\n') for l in open(args.queries, encoding='utf-8')
               if l.strip() and not l.startswith('#')]
    env = {'PATH': '/usr/bin:/bin', 'REQUEST_METHOD': 'GET', 'LANG': 'C.UTF-8'}
    for kv in args.env:
        k, v = kv.split('=', 1)
        env[k] = v

    samples, statuses = [], {}
    for q in queries:
        qs = args.qs.format(q=urllib.parse.quote_plus(q))
        run_env = dict(env, QUERY_STRING=qs)
        for i in range(args.warmup + args.reps):
            t0 = time.perf_counter()
            out = subprocess.run(args.cgi, env=run_env, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL).stdout
            dt = (time.perf_counter() - t0) * 1000
            if i >= args.warmup:
                samples.append(dt)
            head = out[:200].decode('utf-8', 'replace')
            status = '200'
            if head.startswith('Status:'):
                status = head.split()[1]
            statuses[status] = statuses.get(status, 0) + 1
    samples.sort()
    print(f"{args.label:<28} runs={len(samples):<4} p50={percentile(samples, 0.5):7.1f} ms  "
          f"p95={percentile(samples, 0.95):7.1f} ms  mean={statistics.mean(samples):7.1f} ms  "
          f"status={statuses}")


if __name__ == '__main__':
    sys.exit(main())
