#!/usr/bin/env python3
"""Scores riskgate's authorship and traceability against labels.tsv.

Runs `riskgate -C <mirror> report --format json --exit-zero <sha>^! ...` once per repository (the
labelled commits only), then prints per split (tune, heldout, all):
  AI recall      labelled AI (ai-assisted or ai-authored) that riskgate calls AI
  precision      riskgate AI calls that are labelled AI
  human FPR      labelled human that riskgate calls AI
  kind accuracy  exact kind (human / ai-assisted / ai-authored / bot)
  trace recall   labelled AI with prompt recorded in message/notes that riskgate finds linked/verified
Misclassified commits go to stderr with --verbose.

Usage: score.py [--riskgate PATH] [--mirrors DIR] [--json OUT] [--verbose] [labels.tsv]
"""
import argparse, collections, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))

def run(riskgate, mirror, shas):
    # One run per commit: `A^! B^!` is a rev-list range, and B^'s exclusion hides A when A is older.
    found = {}
    for sha in shas:
        out = subprocess.run([riskgate, "report", "-C", mirror, "--format", "json", "--exit-zero", sha + "^!"],
                             capture_output=True)
        if out.returncode != 0:
            sys.exit(f"riskgate failed on {mirror} {sha}: {out.stderr.decode()[:500]}")
        for c in json.loads(out.stdout)["commits"]:
            found[c["sha"]] = c
    return found

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--riskgate", default=os.path.join(HERE, "../../.build/debug/riskgate"))
    ap.add_argument("--mirrors", default="/work/.mirror")
    ap.add_argument("--json")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("labels", nargs="?", default=os.path.join(HERE, "labels.tsv"))
    args = ap.parse_args()
    rows = [l.rstrip("\n").split("\t") for l in open(args.labels)][1:]
    by_repo = collections.defaultdict(list)
    for r in rows:
        by_repo[r[0]].append(r)
    results = {}
    for repo, items in by_repo.items():
        mirror = os.path.join(args.mirrors, repo.replace("/", "+"), "repo")
        results.update(run(args.riskgate, mirror, [r[2] for r in items]))
    stats = {}
    for split in ("tune", "heldout", "all"):
        c = collections.Counter()
        for repo, sp, sha, kind, tool, prompt in rows:
            if split != "all" and sp != split:
                continue
            got = results.get(sha)
            if got is None:
                c["missing"] += 1
                continue
            gkind = got["authorship"]["kind"]
            status = got["traceability"]["status"]
            is_ai, got_ai = kind.startswith("ai-"), gkind.startswith("ai-")
            c["n"] += 1
            c["ai"] += is_ai
            c["tp"] += is_ai and got_ai
            c["called"] += got_ai
            c["human"] += kind == "human"
            c["fp_human"] += kind == "human" and got_ai
            c["kind_ok"] += kind == gkind
            if is_ai and prompt == "yes":
                c["prompted"] += 1
                c["traced"] += status in ("linked", "verified")
            if args.verbose and split == "all" and (kind != gkind or (is_ai and prompt == "yes" and status not in ("linked", "verified"))):
                ev = "; ".join(e["signal"] + "=" + e["detail"][:60] for e in got["authorship"]["evidence"])[:160]
                print(f"[{sp}] {repo} {sha[:10]} label={kind}/{prompt} got={gkind}/{status} {got['subject'][:50]!r} {ev}",
                      file=sys.stderr)
        ratio = lambda a, b: round(a / b, 3) if b else None
        stats[split] = {
            "commits": c["n"], "ai": c["ai"], "human": c["human"], "prompted": c["prompted"],
            "ai_recall": ratio(c["tp"], c["ai"]), "precision": ratio(c["tp"], c["called"]),
            "human_fpr": ratio(c["fp_human"], c["human"]), "kind_accuracy": ratio(c["kind_ok"], c["n"]),
            "trace_recall": ratio(c["traced"], c["prompted"]), "missing": c["missing"],
        }
    # Per detector signal, over every labelled commit: how often a commit carrying it is what the
    # signal claims (AI, or bot for automation). rules/README.md "Detector confidence" maps these
    # to high/medium/low.
    per_signal = collections.defaultdict(lambda: [0, 0])
    for repo, sp, sha, kind, tool, prompt in rows:
        got = results.get(sha)
        if not got:
            continue
        for signal in sorted({e["signal"] for e in got["authorship"]["evidence"]}):
            claims_bot = signal == "automation"
            right = kind == "bot" if claims_bot else kind.startswith("ai-")
            per_signal[signal][0] += 1
            per_signal[signal][1] += right
    stats["signals"] = {k: {"commits": n, "precision": round(ok / n, 3)} for k, (n, ok) in sorted(per_signal.items())}
    for split, s in stats.items():
        if split == "signals":
            print("signals  " + " ".join(f"{k}={v['precision']}/{v['commits']}" for k, v in s.items()))
            continue
        print(f"{split:8} " + " ".join(f"{k}={v}" for k, v in s.items()))
    if args.json:
        json.dump(stats, open(args.json, "w"), indent=1, sort_keys=True)

if __name__ == "__main__":
    main()
