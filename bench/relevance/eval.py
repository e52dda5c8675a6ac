#!/usr/bin/env python3
"""Runs a known-item query set on Pressa, Xapian Omega and PostgreSQL FTS and prints
success@1, success@10 and MRR@10 per query kind and overall.

Each query (JSON lines: qid, query, relevant[], kind, optional from/to/org) is run as a
reader would type it. Date bounds go to each engine's date filter (Pressa --from/--to,
Omega START.0/END.0, PostgreSQL BETWEEN). An org goes to Pressa's entity filter (--org,
which matches the normal form or an alias); the peers have no entity filter, so there the
org name is added to the query text, which is what their users would do.
"""
import argparse, collections, json, os, subprocess, sys, urllib.parse


def run_pressa(a, q):
    cmd = [a.pressa_bin, '--db', a.pressa_db, '--format', 'json', '--limit', '10']
    if q.get('from'):
        cmd += ['--from', q['from']]
    if q.get('to'):
        cmd += ['--to', q['to']]
    if q.get('org'):
        cmd += ['--org', q['org']]
    cmd += ['--', q['query']] if q['query'].startswith('-') else [q['query']]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError('pressa-search failed: ' + p.stderr.decode())
    return [r['id'] for r in json.loads(p.stdout)['results']]


def run_omega(a, q, strat):
    text = q['query'] + (' ' + q['org'] if q.get('org') else '')
    p = [('DB', 'corpus'), ('FMT', 'json'), ('P', text), ('HITSPERPAGE', '10'),
         ('STEMSTRAT', strat)]
    if q.get('from'):
        p.append(('START.0', q['from'].replace('-', '')))
    if q.get('to'):
        p.append(('END.0', q['to'].replace('-', '')))
    env = {'PATH': '/usr/bin:/bin', 'REQUEST_METHOD': 'GET', 'GATEWAY_INTERFACE': 'CGI/1.1',
           'QUERY_STRING': urllib.parse.urlencode(p), 'OMEGA_CONFIG_FILE': a.omega_conf,
           'LANG': 'C.UTF-8'}
    r = subprocess.run([a.omega_bin], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = r.stdout.decode('utf-8', 'replace')
    body = out.split('\r\n\r\n', 1)[-1] if '\r\n\r\n' in out else out.split('\n\n', 1)[-1]
    d = json.loads(body)
    if d.get('error'):
        raise RuntimeError('omega: ' + d['error'])
    return [h['id'] for h in d['hits']]


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def run_pg(a, q):
    text = q['query'] + (' ' + q['org'] if q.get('org') else '')
    where = ''
    if q.get('from') or q.get('to'):
        where = ' AND d.date BETWEEN %s AND %s' % (lit(q.get('from') or '-infinity'),
                                                  lit(q.get('to') or 'infinity'))
    sql = ("SELECT d.id FROM docs d, websearch_to_tsquery('russian', %s) q "
           "WHERE d.tsv @@ q%s ORDER BY ts_rank_cd(d.tsv, q) DESC, d.id LIMIT 10"
           % (lit(text), where))
    r = subprocess.run([a.psql, '-X', '-A', '-t', '-h', '127.0.0.1', '-p', str(a.pg_port),
                        '-U', 'postgres', '-d', a.pg_db, '-c', sql],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise RuntimeError('psql: ' + r.stderr.decode())
    return [line for line in r.stdout.decode().splitlines() if line]


def first_rank(ids, relevant):
    for i, doc in enumerate(ids[:10]):
        if doc in relevant:
            return i + 1
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--queries', required=True)
    ap.add_argument('--engines', default='pressa,omega,omega_all_z,pg')
    ap.add_argument('--pressa-bin')
    ap.add_argument('--pressa-db')
    ap.add_argument('--omega-bin', default='/usr/lib/cgi-bin/omega/omega')
    ap.add_argument('--omega-conf')
    ap.add_argument('--psql', default='/usr/lib/postgresql/15/bin/psql')
    ap.add_argument('--pg-port', type=int, default=54329)
    ap.add_argument('--pg-db', default='relevance')
    ap.add_argument('--details', help='write per-query ranks (TSV) here')
    ap.add_argument('--markdown', action='store_true', help='print the table as Markdown')
    a = ap.parse_args()

    queries = [json.loads(l) for l in open(a.queries, encoding='utf-8') if l.strip()]
    engines = a.engines.split(',')
    runners = {'pressa': lambda q: run_pressa(a, q),
               'omega': lambda q: run_omega(a, q, 'some'),
               'omega_all_z': lambda q: run_omega(a, q, 'all_z'),
               'pg': lambda q: run_pg(a, q)}
    ranks = {e: {} for e in engines}
    for e in engines:
        for q in queries:
            try:
                ids = runners[e](q)
            except Exception as ex:  # a failed query counts as not found, loudly
                print('%s %s: %s' % (e, q['qid'], ex), file=sys.stderr)
                ids = []
            ranks[e][q['qid']] = first_rank(ids, set(q['relevant']))

    if a.details:
        with open(a.details, 'w', encoding='utf-8') as f:
            f.write('qid\tkind\t' + '\t'.join(engines) + '\tquery\n')
            for q in queries:
                f.write('%s\t%s\t%s\t%s\n' % (q['qid'], q['kind'], '\t'.join(
                    str(ranks[e][q['qid']] or '-') for e in engines), q['query']))

    kinds = sorted(collections.Counter(q['kind'] for q in queries).items())
    groups = [(k, [q for q in queries if q['kind'] == k]) for k, _ in kinds]
    groups.append(('overall', queries))

    def metrics(e, qs):
        r = [ranks[e][q['qid']] for q in qs]
        n = len(r)
        return (sum(1 for x in r if x == 1) / n, sum(1 for x in r if x) / n,
                sum(1.0 / x for x in r if x) / n)

    head = ['kind', 'n'] + ['%s %s' % (e, m) for e in engines for m in ('s@1', 's@10', 'MRR')]
    rows = []
    for k, qs in groups:
        row = [k, str(len(qs))]
        for e in engines:
            row += ['%.2f' % v for v in metrics(e, qs)]
        rows.append(row)
    if a.markdown:
        print('| ' + ' | '.join(head) + ' |')
        print('|' + '---|' * len(head))
        for row in rows:
            print('| ' + ' | '.join(row) + ' |')
    else:
        widths = [max(len(h), 8) for h in head]
        print('  '.join(h.rjust(w) for h, w in zip(head, widths)))
        for row in rows:
            print('  '.join(c.rjust(w) for c, w in zip(row, widths)))


if __name__ == '__main__':
    main()
