#!/usr/bin/env python3
"""Times whole CGI requests: one process per request, as a web server runs it.

Usage: time_cgi.py --reps N --queries FILE TARGET...
  TARGET = 'LABEL;QUERY_STRING template with {q};/path/to/cgi[;NAME=VALUE...]'
The targets run interleaved (query by query, rep by rep), so a change in the
machine's load hits all of them alike. Prints per target: runs, wall-clock
p50/p95/mean, CPU time (user+sys of the child) p50/p95, in ms, and the HTTP
statuses seen. CPU time is far less sensitive to other tenants than wall time.
"""
import argparse
import resource
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
    ap.add_argument('--reps', type=int, default=20)
    ap.add_argument('--warmup', type=int, default=1)
    ap.add_argument('--queries', required=True)
    ap.add_argument('targets', nargs='+')
    args = ap.parse_args()

    queries = [l.rstrip('\n') for l in open(args.queries, encoding='utf-8')
               if l.strip() and not l.startswith('#')]
    targets = []
    for spec in args.targets:
        label, qs, cmd, *envs = spec.split(';')
        env = {'PATH': '/usr/bin:/bin', 'REQUEST_METHOD': 'GET', 'LANG': 'C.UTF-8'}
        env.update(kv.split('=', 1) for kv in envs)
        targets.append({'label': label, 'qs': qs, 'cmd': cmd, 'env': env,
                        'samples': [], 'cpu': [], 'status': {}})

    for q in queries:
        for i in range(args.warmup + args.reps):
            for t in targets:
                env = dict(t['env'], QUERY_STRING=t['qs'].format(q=urllib.parse.quote_plus(q)))
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                out = subprocess.run([t['cmd']], env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL).stdout
                dt = (time.perf_counter() - t0) * 1000
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                if i < args.warmup:
                    continue
                t['samples'].append(dt)
                t['cpu'].append((r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) * 1000)
                head = out[:100].decode('utf-8', 'replace')
                status = head.split()[1] if head.startswith('Status:') else '200'
                t['status'][status] = t['status'].get(status, 0) + 1

    for t in targets:
        s, c = sorted(t['samples']), sorted(t['cpu'])
        print(f"{t['label']:<27} runs={len(s):<4} wall p50={percentile(s, 0.5):6.1f} "
              f"p95={percentile(s, 0.95):6.1f} mean={statistics.mean(s):6.1f} ms | "
              f"cpu p50={percentile(c, 0.5):5.1f} p95={percentile(c, 0.95):5.1f} ms | "
              f"{t['status']}")


if __name__ == '__main__':
    sys.exit(main())
