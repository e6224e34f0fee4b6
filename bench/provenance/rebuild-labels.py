#!/usr/bin/env python3
"""labels.tsv = proposed.tsv with the hand corrections of overrides.tsv applied (exclusions dropped)."""
import os
HERE = os.path.dirname(os.path.abspath(__file__))
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(HERE, "proposed.tsv"))]
over = {}
for l in open(os.path.join(HERE, "overrides.tsv")):
    if l.startswith("#") or not l.strip():
        continue
    p = l.rstrip("\n").split("\t")
    over[p[0]] = p
with open(os.path.join(HERE, "labels.tsv"), "w") as out:
    out.write("repo\tsplit\tsha\tkind\ttool\tprompt\n")
    for r in rows:
        o = next((v for k, v in over.items() if r[2].startswith(k)), None)
        if o:
            if o[1] == "exclude":
                continue
            r[3], r[4], r[5] = o[1], o[2], o[3]
        out.write("\t".join(r[:6]) + "\n")
