#!/usr/bin/env python3
"""First-pass labels for sample.tsv, written from reading the commits (not from riskgate's code),
then corrected by hand in overrides.tsv after reading each commit with `review.py`.

Usage: propose.py MIRROR_ROOT < sample.tsv > proposed.tsv
Columns: repo split sha kind tool prompt why
"""
import re, subprocess, sys

AUTOMATION = re.compile(r"dependabot|renovate|github-actions|pre-commit-ci|allcontributors|release-please|"
                        r"semantic-release|mergify|coderabbitai|github-merge-queue|imgbot|snyk", re.I)
AGENT_AUTHOR = [
    (re.compile(r"<noreply@anthropic\.com>", re.I), "claude-code"),
    (re.compile(r"<(codex|noreply)@openai\.com>", re.I), "codex"),
    (re.compile(r"cursoragent@cursor\.com", re.I), "cursor"),
    (re.compile(r"copilot-swe-agent|\+copilot@users\.noreply", re.I), "copilot-agent"),
    (re.compile(r"devin-ai-integration", re.I), "devin"),
    (re.compile(r"google-labs-jules", re.I), "jules"),
    (re.compile(r"openai-code-agent\[bot\]|\+codex@users\.noreply", re.I), "codex"),
    (re.compile(r"vibe@mistral\.ai", re.I), "other"),
    (re.compile(r"agent-think\[bot\]", re.I), "other"),
    (re.compile(r"openhands@all-hands\.dev", re.I), "openhands"),
    (re.compile(r"opencode-agent\[bot\]", re.I), "opencode"),
]
CO = re.compile(r"^(co-authored-by|co-developed-by|signed-off-by|assisted-by|generated-by):\s*(.*)$", re.I | re.M)
AI_WORDS = re.compile(r"claude|anthropic|codex|openai|gpt|copilot|cursor|gemini|devin|jules|aider|vibe|mistral|"
                      r"opencode|openhands|amp@|grok|llm", re.I)
PROMPT = re.compile(r"^(USER:|#+ ?aider chat conversation|prompt:|claude-session:|agent-logs-url:|ai-session:|"
                    r"amp-thread|https://claude\.ai/code/session_|.*app\.devin\.ai/sessions/|.*chatgpt\.com/(codex|share)|"
                    r".*cursor\.com/agents)", re.I | re.M)

def show(git, sha):
    out = subprocess.run(["git", "-C", git, "log", "-1", "--format=%an <%ae>%x00%cn <%ce>%x00%P%x00%B", sha],
                         capture_output=True, check=True).stdout.decode("utf-8", "replace")
    author, committer, parents, body = out.split("\0", 3)
    return author, committer, parents.split(), body

def propose(author, committer, parents, body):
    subject = body.split("\n", 1)[0]
    prompt = "yes" if PROMPT.search(body) else "no"
    if AUTOMATION.search(author) or subject.startswith("Merged notes from refs/notes/"):
        return "bot", "", "no", "automation author"
    for pattern, tool in AGENT_AUTHOR:
        if pattern.search(author):
            return "ai-authored", tool, prompt, "agent author"
    if re.search(r"\(aider\)\s*<", author) or subject.startswith("aider: ") or re.search(r"^# Aider chat conversation", body, re.M):
        return "ai-authored", "aider", prompt, "aider mark"
    if "[bot]" in author:
        return "bot", "", "no", "other app"
    marks = [v for k, v in CO.findall(body) if AI_WORDS.search(v)]
    for pattern, tool in AGENT_AUTHOR:
        if pattern.search(committer):
            marks.append(committer)
    if re.search(r"\(aider\)\s*<", committer):
        marks.append("aider committer")
    if re.search(r"generated with \[?(claude|opencode|firebender)|made-with: ?cursor|^prompt:", body, re.I | re.M):
        marks.append("stamp")
    if prompt == "yes":
        marks.append("prompt")
    # The author's own statement that an assistant made the change (workers-oauth-provider's style).
    if re.match(r"(wip,? )?(ask|asked|have|had) (claude|gemini|codex|copilot|chatgpt)\b", subject, re.I):
        marks.append("subject: " + subject)
    if marks and len(parents) < 2:
        return "ai-assisted", tool, prompt, "; ".join(marks)[:80]
    return "human", "", "no", ""

TOOLS = [("aider", "aider"), ("copilot-swe-agent", "copilot-agent"), ("copilot", "copilot"),
         ("gemini-code-assist", "gemini-code-assist"), ("claude|anthropic", "claude-code"),
         ("codex|openai", "codex"), ("cursor", "cursor"), ("devin", "devin"), ("gemini", "gemini"),
         ("jules", "jules"), ("openhands", "openhands"), ("opencode", "opencode")]

def tool_of(text):
    for pattern, tool in TOOLS:
        if re.search(pattern, text, re.I):
            return tool
    return "other"

def main(root):
    for line in sys.stdin:
        repo, split, sha, _ = line.rstrip("\n").split("\t")
        git = f"{root}/{repo.replace('/', '+')}/repo"
        kind, tool, prompt, why = propose(*show(git, sha))
        if kind == "ai-assisted":
            tool = tool_of(why)
        print("\t".join([repo, split, sha, kind, tool, prompt, why]))

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror")
