#!/usr/bin/env python3
"""Pick the commits to label from fetched mirrors (deterministic).

For each repository: every commit whose identities or message mention something AI-like (a broad
net, far wider than riskgate's detectors, so riskgate's misses are in it) is a candidate; up to
CANDIDATES of them are kept, plus up to OTHERS commits from the rest (the human/bot base rate).
The choice is by sha hash, so rerunning gives the same set.

Usage: sample.py MIRROR_ROOT > sample.tsv   (repo, sha, candidate 0/1)
"""
import hashlib, re, subprocess, sys

REPOS = {
    # split: tune = looked at while writing detectors; heldout = only scored.
    "Aider-AI/aider": "tune", "cloudflare/workers-oauth-provider": "tune", "git-ai-project/git-ai": "tune",
    "terok-ai/terok": "tune", "LeanerCloud/dotclaude": "tune", "antiwork/gum.new": "tune",
    "webern/mx": "tune", "cursor/agent-trace": "tune",
    "lakehq/sail": "heldout", "pydantic/pydantic-ai": "heldout", "Chat2AnyLLM/code-agent-manager": "heldout",
    "posit-dev/ark": "heldout", "google-deepmind/mujoco_warp": "heldout", "SkyAPM/SkyAPM-dotnet": "heldout",
    "tsaol/languages": "heldout",
    # Added after the first round of detector changes, to hold out more agent classes (GitHub app
    # agents, opencode, Jules, custom co-author formats); never looked at while tuning.
    "cybersemics/em": "heldout", "CSStipendRankings/CSStipendRankings": "heldout", "anomalyco/opentui": "heldout",
    "n24q02m/mnemo-mcp": "heldout", "Aider-AI/grep-ast": "heldout",
}
CANDIDATES, OTHERS, PROMPTS = 30, 10, 10
# A prompt or session recorded in the message (traceability recall needs these).
PROMPTISH = re.compile(r"^(USER: |prompt: ?\S|# (aider chat conversation|context):|claude-session: |agent-logs-url: |"
                       r"https://claude\.ai/code/session_|amp-thread)", re.I | re.M)
NET = re.compile(
    r"claude|anthropic|codex|openai|gpt|copilot|cursor|gemini|devin|jules|aider|agent|\bai\b|\[bot\]|llm|"
    r"prompt|vibe|mistral|\bamp\b|kiro|windsurf|opencode|openhands|generated|assisted|session|transcript", re.I)
STRONG = re.compile(
    r"claude|anthropic|codex|openai|copilot|cursor|gemini|devin|jules|aider|vibe|mistral|opencode|openhands|"
    r"\bamp\b|agent|llm|gpt|prompt|chat conversation", re.I)
AUTOMATION = re.compile(r"dependabot|renovate|github-actions|pre-commit-ci", re.I)
# Where the net looks: identities, key: value lines, and lines that open like a stamp, transcript or link.
LOOK = re.compile(r"^([\w-]+:|USER|#|🤖|generated|made with|https?://|\S*prompt)", re.I)

def key(sha):
    return hashlib.sha256(sha.encode()).hexdigest()

def main(root):
    for repo, split in REPOS.items():
        git = f"{root}/{repo.replace('/', '+')}/repo"
        out = subprocess.run(
            ["git", "-C", git, "log", "HEAD", "-z", "--format=%H%x00%an <%ae>%x00%cn <%ce>%x00%B"],
            capture_output=True, check=True).stdout.decode("utf-8", "replace")
        fields = out.split("\0")
        commits = []
        for i in range(0, len(fields) - 3, 4):
            sha = fields[i].strip()
            body = [l for l in fields[i + 3].split("\n")[1:] if LOOK.search(l.strip())]
            text = "\n".join(fields[i + 1:i + 3] + [fields[i + 3].split("\n")[0]] + body)
            text = text.replace("GitHub <noreply@github.com>", "")
            tier = 2 if STRONG.search(text) and not AUTOMATION.search(fields[i + 1]) else int(bool(NET.search(text)))
            if PROMPTISH.search(fields[i + 3]):
                tier = 3
            commits.append((sha, tier))
        # Strong hits first (an AI word in an identity or a key: value line), then the rest of the net.
        prompts = sorted((c for c in commits if c[1] == 3), key=lambda c: key(c[0]))[:PROMPTS]
        cands = prompts + sorted((c for c in commits if c[1] in (1, 2)), key=lambda c: (-c[1], key(c[0])))[:CANDIDATES]
        others = sorted((c for c in commits if not c[1]), key=lambda c: key(c[0]))[:OTHERS]
        for sha, cand in cands + others:
            print(f"{repo}\t{split}\t{sha}\t{cand}")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror")
