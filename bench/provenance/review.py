#!/usr/bin/env python3
"""Prints each sampled commit compactly (identities, subject, the body lines that matter) next to
its proposed label, for reading and correcting in overrides.tsv.

Usage: review.py MIRROR_ROOT proposed.tsv [repo-substring]
"""
import re, subprocess, sys

INTEREST = re.compile(r"^(\S[\w-]*:|USER:|ASSISTANT:|#|🤖|generated|made with|https?://)", re.I)

def main(root, path, only=""):
    for line in open(path):
        repo, split, sha, kind, tool, prompt, why = line.rstrip("\n").split("\t")
        if only and only not in repo:
            continue
        git = f"{root}/{repo.replace('/', '+')}/repo"
        out = subprocess.run(["git", "-C", git, "log", "-1", "--format=%an <%ae>%x00%cn <%ce>%x00%P%x00%B", sha],
                             capture_output=True).stdout.decode("utf-8", "replace")
        author, committer, parents, body = out.split("\0", 3)
        lines = body.split("\n")
        keep = [l for l in lines[1:] if INTEREST.search(l.strip())][:8]
        merge = " MERGE" if len(parents.split()) > 1 else ""
        print(f"{repo[:12]} {sha[:10]} [{kind} {tool} p={prompt}]{merge}\n  A: {author}\n  C: {committer}\n  S: {lines[0][:110]}")
        for l in keep:
            print(f"    | {l[:120]}")

if __name__ == "__main__":
    main(*sys.argv[1:])
