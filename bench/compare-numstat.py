#!/usr/bin/env python3
"""Check riskgate's per-commit file changes against git's numstat on the same commits.

Inputs:
  git:      `git log --all --numstat --no-renames --diff-merges=first-parent -z --format='%H %P'`
  riskgate: `riskgate report --all --format json` (riskgate.report/1: one commit per line)

Every commit must have the same multiset of (path, added, deleted) entries, binary files
counting as "-". riskgate reports an exact rename as one `renamed` entry (with `oldPath` and no
line counts), where git --no-renames shows a deletion of the old path and an addition of the new
one: such an entry is expanded into that pair, taking the counts from git's own entries and
checking that they describe the same content (additions of the new path equal deletions of the
old one, and nothing else). Prints totals for both sides; exits 1 on any difference.

Usage: compare-numstat.py GIT_OUTPUT RISKGATE_JSON
Python 3 standard library only.
"""

import json
import re
import sys

HEADER = re.compile(rb"^[0-9a-f]{40}( [0-9a-f]{40})* ?$")  # a root commit has a trailing space


def read_git(path):
    """sha -> list of (path, added, deleted); counts are ints or '-' (binary)."""
    commits = {}
    current = None
    with open(path, "rb") as handle:
        data = handle.read()
    for token in data.split(b"\0"):
        token = token.lstrip(b"\n")
        if not token:
            continue
        if b"\t" not in token and HEADER.match(token):
            current = []
            commits[token[:40].decode()] = current
            continue
        added, deleted, name = token.split(b"\t", 2)
        if current is None:
            raise SystemExit(f"git output: numstat entry before any commit: {token!r}")
        current.append((name.decode("utf-8", "replace"), count(added), count(deleted)))
    return commits


def count(text):
    return "-" if text == b"-" else int(text)


def read_riskgate(path):
    """sha -> (list of entries as for git, list of renamed (oldPath, path))."""
    commits = {}
    with open(path, "rb") as handle:
        for line in handle:
            line = line.strip()
            if not line.startswith(b'{"') or line.startswith(b'{"commits"'):
                continue
            commit = json.loads(line.rstrip(b","))
            entries, renames = [], []
            for file in commit["files"]:
                if file["status"] == "renamed":
                    renames.append((file["oldPath"], file["path"]))
                    continue
                binary = file["binary"]
                entries.append((file["path"], "-" if binary else file["added"], "-" if binary else file["deleted"]))
            commits[commit["sha"]] = (entries, renames)
    return commits


def compare(git, riskgate):
    problems = []
    totals = {"git": [0, 0, 0], "riskgate": [0, 0, 0]}
    renamed = 0
    for sha in sorted(set(git) | set(riskgate)):
        if sha not in riskgate:
            problems.append(f"{sha}: in git log --all but not in riskgate's report")
            continue
        if sha not in git:
            problems.append(f"{sha}: in riskgate's report but not in git log --all")
            continue
        expected = git[sha]
        entries, renames = riskgate[sha]
        by_path = {}
        for entry in expected:
            by_path.setdefault(entry[0], []).append(entry)
        expanded = list(entries)
        for old, new in renames:
            renamed += 1
            gone = [e for e in by_path.get(old, []) if e[1] in (0, "-")]
            came = [e for e in by_path.get(new, []) if e[2] in (0, "-")]
            if not gone or not came or gone[0][2] != came[0][1]:
                problems.append(f"{sha}: rename {old} -> {new} is not an exact delete+add pair in git: {gone} {came}")
                continue
            expanded.append(gone[0])
            expanded.append(came[0])
        add_totals(totals["git"], expected)
        add_totals(totals["riskgate"], expanded)
        if sorted(expanded, key=repr) != sorted(expected, key=repr):
            only_git = [e for e in expected if e not in expanded]
            only_riskgate = [e for e in expanded if e not in expected]
            problems.append(f"{sha}: git only {only_git[:5]}, riskgate only {only_riskgate[:5]}")
    return problems, totals, renamed


def add_totals(total, entries):
    # Counts are "-" for binary files and None where riskgate could not read the content
    # (a partial clone: git itself stops at the first such blob).
    total[0] += len(entries)
    total[1] += sum(e[1] for e in entries if isinstance(e[1], int))
    total[2] += sum(e[2] for e in entries if isinstance(e[2], int))


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    git = read_git(sys.argv[1])
    riskgate = read_riskgate(sys.argv[2])
    problems, totals, renamed = compare(git, riskgate)
    for side in ("git", "riskgate"):
        files, added, deleted = totals[side]
        commits = len(git if side == "git" else riskgate)
        note = f" (renames expanded: {renamed})" if side == "riskgate" else ""
        print(f"  {side:<8} {commits} commits, {files} file changes, +{added} -{deleted}{note}")
    if problems:
        print(f"  MISMATCH in {len(problems)} commits; first ones:")
        for problem in problems[:10]:
            print(f"    {problem}")
        return 1
    print("  correctness: OK (every commit's files and line counts equal git's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
