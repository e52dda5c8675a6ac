#!/usr/bin/env python3
"""Writes the benchmark corpus for the peers, keeping Pressa's article ids:
--format scriptindex (Omega dump) or pgcopy (PostgreSQL COPY text). Inputs are
JSON-lines files (../shared/corpus format) and directories of seed-format .txt
articles (../shared/seeds: id = file name without .txt; a first line
" date YYYY-MM-DD title"; the title is the first line with a letter).
Usage: convert.py --format scriptindex|pgcopy -o OUT (FILE.jsonl | SEED_DIR)..."""
import argparse, json, os, re, sys

WS = re.compile(r'\s+')


def one_line(s):
    return WS.sub(' ', s).strip()


def copy_escape(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def seed_article(path, rel):
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().lstrip('\ufeff').replace('\r\n', '\n').split('\n')
    date = ''
    m = re.match(r'^ date (\d{4}-\d\d-\d\d)( |$)', lines[0]) if lines else None
    if m:
        date = m.group(1)
        lines[0] = lines[0][m.end():]
    title_at = next((i for i, l in enumerate(lines) if re.search(r'\w', l)), len(lines))
    title = lines[title_at].strip() if title_at < len(lines) else ''
    return {'id': rel, 'date': date, 'title': title, 'text': '\n'.join(lines[title_at + 1:])}


def articles(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, files in sorted(os.walk(path)):
                for name in sorted(files):
                    if name.endswith('.txt'):
                        full = os.path.join(root, name)
                        yield seed_article(full, os.path.relpath(full, path)[:-4])
            continue
        with open(path, encoding='utf-8', errors='replace') as f:
            for line in f:
                try:
                    yield json.loads(line)
                except ValueError:
                    continue


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--format', required=True, choices=['scriptindex', 'pgcopy'])
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    n = 0
    with open(a.output, 'w', encoding='utf-8') as out:
        for d in articles(a.files):
            date = (d.get('date') or '')[:10]
            if not re.fullmatch(r'\d{4}-\d\d-\d\d', date):
                date = ''
            title, body = d.get('title') or '', d.get('text') or ''
            if a.format == 'scriptindex':
                out.write('id=%s\n' % one_line(d['id']))
                if date:
                    out.write('date=%s\n' % date.replace('-', ''))
                out.write('title=%s\n' % one_line(title))
                out.write('body=%s\n\n' % one_line(body))
            else:
                out.write('\t'.join([copy_escape(d['id']), date or '\\N',
                                     copy_escape(title), copy_escape(body)]) + '\n')
            n += 1
    print('%s: %d articles' % (a.output, n), file=sys.stderr)


if __name__ == '__main__':
    main()
