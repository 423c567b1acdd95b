#!/usr/bin/env python3
"""Precision and recall of shipsafe on the development corpus, against the ledger.

    tests/realworld/score.py [--corpus DIR] [--bin PATH] [--ledger FILE]

Scans each app of ../shared/realworld-dev/MANIFEST.tsv that has rows in the ledger
(tests/realworld/ledger.tsv), extracted under DIR (default ../realworld-dev-corpus, as
extract.sh writes it), with the shipsafe binary (default target/release/shipsafe), and
prints, overall, for the rules shipsafe has (recall), per tier and per rule:
  precision = TRUE / (TRUE + FALSE) of today's findings that the ledger has triaged,
  recall    = share of the ledger's `reading` rows (TRUE; a withdrawn one is FALSE) that a finding of the same rule
              reports within two lines, at its location or at one of its related locations (where the
              value it reports is read from the request, a later query of the same problem).
Findings the ledger has not triaged are listed: triage them into the ledger. Needs the
corpus on disk, so it is not part of `cargo test`. Exit 1 when findings are untriaged.
"""
import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def tiers():
    """Rule id -> tier, from the catalog's tables."""
    out = {}
    with open(os.path.join(ROOT, "docs", "checklist.md"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\|\s*`([a-z]+/[a-z0-9-]+)`\s*\|\s*(\d)\s*\|", line)
            if m:
                out[m.group(1)] = int(m.group(2))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "realworld-dev-corpus"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "shipsafe"))
    ap.add_argument("--ledger", default=os.path.join(HERE, "ledger.tsv"))
    ap.add_argument("--missed", action="store_true",
                    help="list the problems found by reading that the scan missed, for the rules shipsafe has")
    args = ap.parse_args()

    manifest = {}
    with open(os.path.join(ROOT, "..", "shared", "realworld-dev", "MANIFEST.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            manifest[row["repo"]] = row["name"]

    ledger = []
    with open(args.ledger, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            row["line"] = int(row["line"])
            ledger.append(row)
    repos = sorted({r["repo"] for r in ledger})

    tier = tiers()
    # the rules shipsafe has: one generated page each under docs/rules/
    implemented = set()
    for page in os.listdir(os.path.join(ROOT, "docs", "rules")):
        if page.endswith(".md") and page != "README.md":
            cat, _, slug = page[:-3].partition("-")
            implemented.add(f"{cat}/{slug}")
    stats = collections.defaultdict(lambda: collections.Counter())
    untriaged = []
    missed = []
    for repo in repos:
        name = manifest.get(repo)
        app = os.path.join(args.corpus, name or "")
        if not name or not os.path.isdir(app):
            sys.exit(f"{repo}: not in the manifest or not extracted under {args.corpus}")
        out = subprocess.run(
            [args.bin, "scan", "--no-cache", "--format", "json", "--fail-on", "none", app],
            capture_output=True, text=True, check=False)
        if out.returncode != 0:
            sys.exit(f"{repo}: shipsafe exited {out.returncode}: {out.stderr[:500]}")
        findings = json.loads(out.stdout)["findings"]
        triaged = collections.defaultdict(list)
        for r in ledger:
            if r["repo"] == repo and r["source"] == "shipsafe":
                triaged[(r["path"], r["line"], r["rule"])].append(r["verdict"])
        seen = collections.Counter()
        for f in findings:
            key = (f["path"], f["start_line"], f["rule_id"])
            verdicts = triaged.get(key, [])
            i = seen[key]
            seen[key] += 1
            if i >= len(verdicts):
                untriaged.append((repo,) + key)
                continue
            for group in ("all", f"tier{tier.get(key[2], 3)}", key[2]):
                stats[group][verdicts[i]] += 1
        for r in ledger:
            # a problem found by reading and later withdrawn (FALSE) is not one to find
            if r["repo"] != repo or r["source"] != "reading" or r["verdict"] != "TRUE":
                continue
            found = any(
                f["rule_id"] == r["rule"] and f["path"] == r["path"]
                and any(abs(line - r["line"]) <= 2 for line in
                        [f["start_line"]] + [x["start_line"] for x in f.get("related", [])])
                for f in findings)
            groups = ["all", f"tier{tier.get(r['rule'], 3)}", r["rule"]]
            if r["rule"] in implemented:
                groups.append("rules shipsafe has")
                if not found:
                    missed.append((name, r["rule"], r["path"], r["line"], r["cause"]))
            for group in groups:
                stats[group]["reading"] += 1
                stats[group]["found"] += found

    def line(group):
        c = stats[group]
        judged = c["TRUE"] + c["FALSE"]
        p = f"{c['TRUE'] / judged:.2f}" if judged else "-"
        rc = f"{c['found'] / c['reading']:.2f}" if c["reading"] else "-"
        return (f"{group:<40} precision {p:>5} ({c['TRUE']} true, {c['FALSE']} false, "
                f"{c['UNSURE']} unsure)   recall {rc:>5} ({c['found']}/{c['reading']})")

    print(f"apps: {len(repos)}   ledger rows: {len(ledger)}")
    for group in ["all", "rules shipsafe has", "tier1", "tier2"] + sorted(g for g in stats if "/" in g):
        print(line(group))
    if args.missed:
        print(f"\n{len(missed)} problems found by reading and missed by the scan:")
        for m in sorted(missed, key=lambda m: (m[1], m[0], m[2], m[3])):
            print("  " + "\t".join(str(x) for x in m))
    if untriaged:
        print(f"\n{len(untriaged)} findings not in the ledger (triage them):")
        for u in untriaged:
            print("  " + "\t".join(str(x) for x in u))
        sys.exit(1)


if __name__ == "__main__":
    main()
