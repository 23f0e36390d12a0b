#!/usr/bin/env python3
"""Placeable substitution on edited queries (issue 23, item 6).

Builds a TM by aligning the release pairs of ../shared/corpus/releases (es-en),
takes every stored Spanish sentence with a number in it, makes one edited query
per number occurrence (that number changed: n -> n+1, a year -> year+1, the
digits inside an ordinal, a code such as DebConf16, a range or a list), looks
each query up with `memoria lookup --format json --limit 1`, and counts the
queries whose best match's target carries the new number where the stored
target had the old one (the old digits replaced, the new ones present). Prints
the share, and the misses with --verbose.

Usage: python3 scripts/placeable-edits.py [--memoria target/release/memoria] [--verbose]
"""
import json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "releases")
args = sys.argv[1:]
memoria = os.path.join(ROOT, "target", "release", "memoria")
if "--memoria" in args:
    memoria = args[args.index("--memoria") + 1]
verbose = "--verbose" in args

DIGITS = re.compile(r"\d+")


def run(db, *a):
    p = subprocess.run([memoria, "--db", db, *a], capture_output=True, text=True)
    return p


def tokens(s):
    return re.findall(r"\d+", s)


def main():
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "tm.db")
    slugs = sorted(f[: -len(".es.txt")] for f in os.listdir(CORPUS) if f.endswith(".es.txt"))
    pairs = []
    for s in slugs:
        es, en = os.path.join(CORPUS, s + ".es.txt"), os.path.join(CORPUS, s + ".en.txt")
        p = run(db, "align", es, en, "--from", "es", "--to", "en", "--import", "--format", "json")
        if p.returncode != 0:
            sys.exit(f"align {s} failed: {p.stderr}")
        for line in p.stdout.splitlines():
            b = json.loads(line)
            if b["source"] and b["target"] and b["score"] >= 75 and b["kind"] in ("1-1", "1-2", "2-1"):
                pairs.append((b["source"], b["target"]))
    seen, cases = set(), []
    for src, tgt in pairs:
        if src in seen:
            continue
        seen.add(src)
        for m in DIGITS.finditer(src):
            old = m.group()
            # Only numbers the stored translation carries with the same digits.
            if old not in tokens(tgt):
                continue
            n = int(old)
            new = str(n + 1).zfill(len(old)) if not (len(old) == 4 and 1900 <= n <= 2100) else str(n + 1)
            if new == old:
                continue
            query = src[: m.start()] + new + src[m.end():]
            cases.append((query, src, tgt, old, new))
    hits, misses = 0, []
    for query, src, tgt, old, new in cases:
        p = run(db, "lookup", query, "--from", "es", "--to", "en", "--format", "json", "--limit", "1", "--min-score", "50")
        out = json.loads(p.stdout) if p.stdout.strip() else []
        got = out[0]["target"] if out else ""
        ok = bool(out) and out[0]["source"] == src and tokens(got).count(new) > tokens(tgt).count(new) \
            and tokens(got).count(old) < tokens(tgt).count(old)
        if ok:
            hits += 1
        else:
            misses.append((query, old, new, got))
    print(f"edited queries: {len(cases)}; new number in the target: {hits} ({100.0 * hits / max(1, len(cases)):.1f}%)")
    if verbose:
        for q, old, new, got in misses:
            print(f"MISS {old}->{new}\n  query:  {q}\n  target: {got}")


main()
