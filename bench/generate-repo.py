#!/usr/bin/env python3
"""Generate a reproducible, realistic-looking git repository for riskgate's benchmarks.

The history is written as a `git fast-import` stream (nothing but the current file states is
held in memory), then packed with `git repack -adf` so riskgate and git read the same single
pack. Same arguments give the same commit ids: every choice comes from one seeded PRNG and
every timestamp is derived from the commit number.

Shape of the history (rates are per commit, roughly):
  * a few thousand text files in nested folders (src/, deploy/k8s/, infra/terraform/modules/,
    .github/workflows/, docs/, db/migrations/, scripts/, ...), 20-600 lines each; commits edit a
    few hunks, sometimes add (4 %) or delete (1 %) files;
  * exact renames (2 %), merges of short-lived topic branches (~10 % of commits are merges),
    binary files with NUL bytes (1 %), executable-bit changes, one symlink that gets re-pointed,
    files without a final newline, CRLF files, a non-ASCII path, a `.gitattributes` that marks
    some text files binary, a few annotated tags and a release branch;
  * commit messages with trailers (Signed-off-by, Co-authored-by, `Co-Authored-By: Claude
    <noreply@anthropic.com>`, Assisted-by), bots, a few Latin-1 messages (with and without an
    `encoding` header), Terraform, Kubernetes YAML and SQL migrations (some with DROP TABLE).

Usage: generate-repo.py --commits N [--seed S] --out DIR [--bare]
Python 3 standard library only.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time

BASE_TIME = 1_600_000_000  # 2020-09-13; commit i is dated after commit i-1

AUTHORS = [
    ("Alice Martin", "alice@example.com"), ("Bob Nguyen", "bob@example.com"),
    ("Chloé Dubois", "chloe@example.fr"), ("Dmitri Volkov", "dmitri@example.org"),
    ("Eva Schmidt", "eva.schmidt@example.de"), ("Farah Haddad", "farah@example.com"),
    ("Gao Wei", "gao.wei@example.cn"), ("Hiro Tanaka", "hiro@example.jp"),
    ("Inès Moreau", "ines@example.fr"), ("Jonas Berg", "jonas@example.se"),
    ("Kamala Rao", "kamala@example.in"), ("Lars Øberg", "lars@example.no"),
    ("Maria Garcia", "maria@example.es"), ("Noah Williams", "noah@example.com"),
    ("Olu Adeyemi", "olu@example.ng"), ("Priya Shah", "priya@example.com"),
    ("Quentin Roux", "quentin@example.fr"), ("Rosa Silva", "rosa@example.br"),
    ("Sam Taylor", "sam@example.com"), ("Tomasz Nowak", "tomasz@example.pl"),
]
BOTS = [
    ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
    ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com"),
    ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"),
]
AI_TRAILERS = [
    "Co-Authored-By: Claude <noreply@anthropic.com>",
    "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>",
    "Assisted-by: Claude Code",
    "Assisted-by: aider (gpt-4o)",
    "Co-authored-by: Cursor Agent <cursoragent@cursor.com>",
]

VERBS = ["Fix", "Add", "Update", "Refactor", "Remove", "Rename", "Document", "Improve", "Handle",
         "Simplify", "Speed up", "Guard", "Validate", "Bump", "Revert", "Tidy"]
NOUNS = ["retry logic", "session cache", "login flow", "rate limiter", "billing export",
         "health check", "feature flag", "config loader", "error messages", "metrics labels",
         "CI matrix", "terraform state bucket", "ingress annotations", "db connection pool",
         "migration for orders", "audit log", "user search", "webhook handler", "TLS settings",
         "background jobs", "CSV parser", "pagination", "timezone handling", "docs index"]
WORDS = ("the a of to in and for with on by is it value result config request response user "
         "client server cache error retry timeout token session record index batch queue event "
         "handler buffer offset limit count total status payload header schema table column").split()
IDENTS = ("value result config request response user client server cache error retry timeout "
          "token session record index batch queue event handler buffer offset limit count total "
          "status payload header schema table column item node entry key name path size").split()

# (folder, extension, kind, weight): where files live and what they look like.
AREAS = [
    ("src/app", ".py", "python", 10), ("src/app/api", ".py", "python", 6),
    ("src/app/core/models", ".py", "python", 5), ("src/web/components", ".ts", "ts", 8),
    ("src/web/pages/admin", ".ts", "ts", 4), ("src/lib/util", ".go", "go", 6),
    ("src/lib/net/http/internal", ".go", "go", 3), ("tests/unit", ".py", "python", 6),
    ("tests/integration/api", ".py", "python", 3), ("docs", ".md", "markdown", 4),
    ("docs/guides/ops", ".md", "markdown", 2), ("deploy/k8s/base", ".yaml", "k8s", 3),
    ("deploy/k8s/overlays/prod", ".yaml", "k8s", 2), ("infra/terraform/modules/network", ".tf", "terraform", 2),
    ("infra/terraform/envs/prod", ".tf", "terraform", 2), (".github/workflows", ".yml", "workflow", 1),
    ("db/migrations", ".sql", "sql", 2), ("scripts", ".sh", "shell", 2), ("config", ".json", "json", 2),
    ("docs/diagrams", ".svg", "svg", 1),
]
AREA_WEIGHTS = [area[3] for area in AREAS]


def _words(r, count):
    return " ".join(WORDS[(r >> (5 * i)) % len(WORDS)] for i in range(count))


# Line templates per file kind: (a, b, c, n, r) -> line, with a/b/c identifiers, n in 0..999 and
# r spare random bits. Only the chosen template is formatted.
TEMPLATES = {
    "python": [
        lambda a, b, c, n, r: f"    {a}_{b} = {c}.get('{a}', {n})", lambda a, b, c, n, r: f"    if {a} is None:",
        lambda a, b, c, n, r: f"        return {b}_{c}({n})", lambda a, b, c, n, r: f"def {a}_{b}({c}, {a}={n}):",
        lambda a, b, c, n, r: f"    # {_words(r, 2)} {c} {n}", lambda a, b, c, n, r: f"    for {a} in {b}_{c}:",
        lambda a, b, c, n, r: f"        {a}.{b}({c}, {n})", lambda a, b, c, n, r: f"    raise ValueError('{a} {b}')",
        lambda a, b, c, n, r: ""],
    "ts": [
        lambda a, b, c, n, r: f"  const {a}{b.title()} = {c}.{a}({n});", lambda a, b, c, n, r: f"  if (!{a}) return {b};",
        lambda a, b, c, n, r: f"export function {a}{b.title()}({c}: number): string {{", lambda a, b, c, n, r: "}",
        lambda a, b, c, n, r: f"  // {_words(r, 1)} {c} {n}", lambda a, b, c, n, r: f"  {a}.{b} = await {c}({n});",
        lambda a, b, c, n, r: ""],
    "go": [
        lambda a, b, c, n, r: f"\t{a}{b.title()} := {c}.{a.title()}({n})", lambda a, b, c, n, r: "\tif err != nil {",
        lambda a, b, c, n, r: "\t\treturn nil, err", lambda a, b, c, n, r: "\t}",
        lambda a, b, c, n, r: f"func {a}{b.title()}({c} int) error {{", lambda a, b, c, n, r: f"\t// {_words(r, 1)} {c} {n}",
        lambda a, b, c, n, r: "}", lambda a, b, c, n, r: ""],
    "markdown": [
        lambda a, b, c, n, r: _words(r, 3 + n % 11).capitalize() + ".", lambda a, b, c, n, r: f"## {a.title()} {b}",
        lambda a, b, c, n, r: f"- {_words(r, 3 + n % 9)}", lambda a, b, c, n, r: "",
        lambda a, b, c, n, r: _words(r, 4 + n % 8)],
    "k8s": [
        lambda a, b, c, n, r: f"  {a}: {b}-{n}", lambda a, b, c, n, r: f"    - name: {a}-{b}",
        lambda a, b, c, n, r: f"      image: registry.example.com/{a}:{n}", lambda a, b, c, n, r: f"  replicas: {n % 9 + 1}",
        lambda a, b, c, n, r: f"    {a}.example.com/{b}: \"{n}\"", lambda a, b, c, n, r: "---",
        lambda a, b, c, n, r: f"kind: {('Deployment', 'Service', 'ConfigMap', 'Role')[n % 4]}"],
    "terraform": [
        lambda a, b, c, n, r: f"  {a}_{b} = \"{c}-{n}\"", lambda a, b, c, n, r: f"resource \"aws_{a}_{b}\" \"{c}\" {{",
        lambda a, b, c, n, r: "}", lambda a, b, c, n, r: f"  tags = {{ team = \"{a}\" }}",
        lambda a, b, c, n, r: f"  force_destroy = {('false', 'true')[n % 2]}",
        lambda a, b, c, n, r: f"variable \"{a}_{b}\" {{ default = {n} }}", lambda a, b, c, n, r: ""],
    "workflow": [
        lambda a, b, c, n, r: f"      - run: make {a}-{b}", lambda a, b, c, n, r: f"      - uses: actions/{a}@v{n % 5 + 1}",
        lambda a, b, c, n, r: f"    runs-on: ubuntu-{n % 3 + 20}.04", lambda a, b, c, n, r: f"  {a}-{b}:",
        lambda a, b, c, n, r: f"        with: {{ {a}: {n} }}", lambda a, b, c, n, r: ""],
    "sql": [
        lambda a, b, c, n, r: f"ALTER TABLE {a}s ADD COLUMN {b}_{c} integer DEFAULT {n};",
        lambda a, b, c, n, r: f"CREATE INDEX idx_{a}_{b} ON {a}s ({b});",
        lambda a, b, c, n, r: f"UPDATE {a}s SET {b} = {n} WHERE {c} IS NULL;", lambda a, b, c, n, r: f"-- {_words(r, 1)} {a} {n}",
        lambda a, b, c, n, r: f"INSERT INTO {a}s ({b}) VALUES ({n});"],
    "shell": [
        lambda a, b, c, n, r: f"{a}_{b}=\"${{{c.upper()}:-{n}}}\"", lambda a, b, c, n, r: f"if [ -z \"${a}\" ]; then",
        lambda a, b, c, n, r: "fi", lambda a, b, c, n, r: f"  echo \"{a} {b} {n}\"",
        lambda a, b, c, n, r: f"{a} --{b} \"${c}\" || exit {n % 3 + 1}", lambda a, b, c, n, r: ""],
    "json": [
        lambda a, b, c, n, r: f"  \"{a}_{b}\": {n},", lambda a, b, c, n, r: f"  \"{a}\": \"{b}-{c}\",",
        lambda a, b, c, n, r: f"  \"{a}{b.title()}\": {('true', 'false')[n % 2]},"],
    "svg": [
        lambda a, b, c, n, r: f"  <path d=\"M{n} {r % 999} L{(r >> 10) % 999} {(r >> 20) % 999}\" fill=\"#{n:03x}\"/>"],
}

GITATTRIBUTES = b"# diagrams are generated; never diff them as text\ndocs/diagrams/*.svg -diff\n*.pdf binary\n"
NON_ASCII_PATH = "docs/guides/r\u00e9sum\u00e9-\u65e5\u672c\u8a9e.md"
SYMLINK_PATH = "deploy/current"


class FileState:
    """One file as of some commit: lines without terminators, how they are joined, its mode."""

    __slots__ = ("lines", "crlf", "final_newline", "mode", "raw")

    def __init__(self, lines, crlf=False, final_newline=True, mode="100644", raw=None):
        self.lines = lines          # tuple of str (text files)
        self.crlf = crlf
        self.final_newline = final_newline
        self.mode = mode            # "100644", "100755" or "120000"
        self.raw = raw              # bytes for binary files and symlinks; None for text

    def content(self):
        if self.raw is not None:
            return self.raw
        separator = "\r\n" if self.crlf else "\n"
        text = separator.join(self.lines)
        if self.final_newline and self.lines:
            text += separator
        return text.encode("utf-8")

    def with_lines(self, lines):
        return FileState(lines, self.crlf, self.final_newline, self.mode)

    def with_mode(self, mode):
        return FileState(self.lines, self.crlf, self.final_newline, mode, self.raw)


class Tree:
    """The files of one branch: a dict for lookups plus a list for seeded random picks."""

    def __init__(self, files=None, paths=None):
        self.files = dict(files or {})
        self.paths = list(paths or [])
        self.position = {path: index for index, path in enumerate(self.paths)}

    def copy(self):
        return Tree(self.files, self.paths)

    def set(self, path, state):
        if path not in self.files:
            self.position[path] = len(self.paths)
            self.paths.append(path)
        self.files[path] = state

    def delete(self, path):
        del self.files[path]
        index = self.position.pop(path)
        last = self.paths.pop()
        if index < len(self.paths):
            self.paths[index] = last
            self.position[last] = index


class Generator:
    def __init__(self, seed, commits, out):
        self.rng = random.Random(seed)
        self.total = commits
        self.out = out
        self.mark = 0
        self.clock = BASE_TIME
        self.file_serial = 0
        self.migration_serial = 0
        self.stats = {"commits": 0, "merges": 0, "renames": 0, "binary": 0, "latin1": 0, "ai": 0}

    # ---- content -------------------------------------------------------------------------

    def line(self, kind):
        """One line of the given kind: a single 64-bit draw picks the template and its fields."""
        bits = self.rng.getrandbits(64)
        templates = TEMPLATES[kind]
        template = templates[bits % len(templates)]
        bits //= len(templates)
        a = IDENTS[(bits & 0xFF) % len(IDENTS)]
        b = IDENTS[((bits >> 8) & 0xFF) % len(IDENTS)]
        c = IDENTS[((bits >> 16) & 0xFF) % len(IDENTS)]
        n = (bits >> 24) % 1000
        return template(a, b, c, n, bits >> 34)

    def lines(self, kind, count):
        return tuple(self.line(kind) for _ in range(count))

    def new_text_file(self, kind):
        rng = self.rng
        lines = self.lines(kind, rng.randint(20, 600) if rng.random() < 0.3 else rng.randint(20, 180))
        crlf = rng.random() < 0.04
        final_newline = rng.random() >= 0.05
        mode = "100755" if kind == "shell" and rng.random() < 0.7 else "100644"
        return FileState(lines, crlf, final_newline, mode)

    def binary_blob(self):
        rng = self.rng
        size = rng.randrange(512, 24_000)
        body = bytearray(rng.getrandbits(8 * size).to_bytes(size, "little"))
        body[0:8] = b"\x89PNG\r\n\x1a\n"
        body[9] = 0  # a NUL in the first 8,000 bytes: binary by git's rule
        return bytes(body)

    def new_path(self, tree):
        rng = self.rng
        while True:
            folder, extension, kind, _ = rng.choices(AREAS, weights=AREA_WEIGHTS)[0]
            self.file_serial += 1
            if kind == "sql":
                self.migration_serial += 1
                path = f"{folder}/{self.migration_serial:05d}_{rng.choice(IDENTS)}_{rng.choice(IDENTS)}.sql"
            else:
                path = f"{folder}/{rng.choice(IDENTS)}_{rng.choice(IDENTS)}_{self.file_serial}{extension}"
            if path not in tree.files:
                return path, kind

    @staticmethod
    def kind_of(path):
        for folder, extension, kind, _ in AREAS:
            if path.endswith(extension):
                return kind
        return "markdown"

    def edit(self, state, kind):
        """A few hunks: replace, insert or delete a handful of lines each."""
        rng = self.rng
        lines = list(state.lines)
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
            at = rng.randrange(len(lines) + 1)
            action = rng.random()
            if action < 0.5 and lines:
                span = min(rng.randint(1, 6), len(lines) - at) if at < len(lines) else 0
                lines[at:at + span] = self.lines(kind, rng.randint(1, 6))
            elif action < 0.8 or len(lines) < 25:
                lines[at:at] = self.lines(kind, rng.randint(1, 12))
            else:
                del lines[at:at + rng.randint(1, 8)]
        if kind == "sql" and rng.random() < 0.15:
            lines.insert(rng.randrange(len(lines) + 1), f"DROP TABLE IF EXISTS {rng.choice(IDENTS)}s_old;")
        return state.with_lines(tuple(lines))

    # ---- commits -------------------------------------------------------------------------

    def message(self, bot):
        rng = self.rng
        subject = f"{rng.choice(VERBS)} {rng.choice(NOUNS)}"
        if bot:
            return f"Bump {rng.choice(IDENTS)}-lib from 1.{rng.randrange(30)}.0 to 1.{rng.randrange(30, 60)}.0".encode(), None
        parts = [subject]
        if rng.random() < 0.45:
            parts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 40))).capitalize() + ".")
        trailers = []
        if rng.random() < 0.08:
            trailers.append(rng.choice(AI_TRAILERS))
            self.stats["ai"] += 1
        if rng.random() < 0.06:
            name, email = rng.choice(AUTHORS)
            trailers.append(f"Co-authored-by: {name} <{email}>")
        if rng.random() < 0.20:
            name, email = rng.choice(AUTHORS)
            trailers.append(f"Signed-off-by: {name} <{email}>")
        if rng.random() < 0.10:
            trailers.append(f"Refs: #{rng.randrange(1, 5000)}")
        if trailers:
            parts.append("\n".join(trailers))
        text = "\n\n".join(parts) + "\n"
        if rng.random() < 0.0015:
            # A Latin-1 message: half declare it (encoding header), half are just invalid UTF-8.
            self.stats["latin1"] += 1
            declared = rng.random() < 0.5
            return (subject + " (r\u00e9vis\u00e9 par Fran\u00e7ois)\n").encode("latin-1"), ("iso-8859-1" if declared else None)
        return text.encode("utf-8"), None

    def tick(self):
        self.clock += self.rng.randrange(60, 5400)
        return self.clock

    def write_commit(self, ref, parents, changes, bot=False):
        """changes: list of (path, FileState or None for a deletion), in order."""
        rng = self.rng
        name, email = rng.choice(BOTS) if bot else rng.choice(AUTHORS)
        when = self.tick()
        author_time = when - rng.randrange(0, 7200)
        tz = rng.choice(["+0000", "+0100", "+0200", "-0500", "-0700", "+0530", "+0900"])
        message, encoding = self.message(bot)
        self.mark += 1
        out = self.out
        out.write(f"commit {ref}\nmark :{self.mark}\n".encode())
        out.write(f"author {name} <{email}> {author_time} {tz}\n".encode("utf-8"))
        out.write(f"committer {name} <{email}> {when} {tz}\n".encode("utf-8"))
        if encoding:
            out.write(f"encoding {encoding}\n".encode())
        out.write(f"data {len(message)}\n".encode() + message + b"\n")
        if parents:
            out.write(f"from :{parents[0]}\n".encode())
            for parent in parents[1:]:
                out.write(f"merge :{parent}\n".encode())
        for path, state in changes:
            quoted = quote_path(path)
            if state is None:
                out.write(b"D " + quoted + b"\n")
            else:
                data = state.content()
                out.write(f"M {state.mode} inline ".encode() + quoted + f"\ndata {len(data)}\n".encode() + data + b"\n")
        out.write(b"\n")
        self.stats["commits"] += 1
        return self.mark

    def change_set(self, tree, touched):
        """Random work for one ordinary commit, applied to `tree`; returns the changes."""
        rng = self.rng
        changes = []

        def put(path, state):
            tree.set(path, state)
            changes.append((path, state))
            touched[path] = True

        def remove(path):
            tree.delete(path)
            changes.append((path, None))
            touched[path] = True

        def pick_text():
            for _ in range(20):
                path = tree.paths[rng.randrange(len(tree.paths))]
                state = tree.files[path]
                if state.raw is None and all(path != p for p, _ in changes):
                    return path, state
            return None, None

        roll = rng.random()
        if roll < 0.02:  # exact rename, sometimes with a small edit elsewhere
            path, state = pick_text()
            if path and path not in (".gitattributes", NON_ASCII_PATH):
                folder, _, name = path.rpartition("/")
                self.file_serial += 1
                new = f"{folder}/r{self.file_serial}~{name.split('~', 1)[-1]}".lstrip("/")
                remove(path)
                put(new, state)
                self.stats["renames"] += 1
        elif roll < 0.0325:  # binary asset added or replaced
            assets = f"assets/img/{rng.choice(['icons', 'screens', 'logos'])}/{rng.choice(IDENTS)}_{rng.randrange(60)}.png"
            put(assets, FileState((), raw=self.binary_blob()))
            self.stats["binary"] += 1
        elif roll < 0.0365:  # executable bit flips on a script
            scripts = [p for p in tree.paths[:400] if p.endswith(".sh")] or [p for p in tree.paths if p.endswith(".sh")]
            if scripts:
                path = rng.choice(scripts)
                state = tree.files[path]
                put(path, state.with_mode("100644" if state.mode == "100755" else "100755"))
        elif roll < 0.0385:  # the symlink is re-pointed
            put(SYMLINK_PATH, FileState((), mode="120000", raw=f"k8s/overlays/{rng.choice(['prod', 'staging', 'canary'])}".encode()))
        elif roll < 0.0485 and len(tree.paths) > 50:  # deletion
            path, _ = pick_text()
            if path and path not in (".gitattributes", NON_ASCII_PATH, SYMLINK_PATH):
                remove(path)

        if rng.random() < 0.04:  # new files
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                path, kind = self.new_path(tree)
                put(path, self.new_text_file(kind))

        # Ordinary edits: most commits touch 1-4 files, some a dozen.
        count = rng.choice([1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 8, 12]) if not changes or rng.random() < 0.5 else 0
        for _ in range(count):
            path, state = pick_text()
            if path is None:
                continue
            put(path, self.edit(state, self.kind_of(path)))
        if not changes:
            path, state = pick_text()
            put(path, self.edit(state, self.kind_of(path)))
        return changes

    def initial_tree(self):
        tree = Tree()
        rng = self.rng
        for _ in range(1200):
            path, kind = self.new_path(tree)
            tree.set(path, self.new_text_file(kind))
        tree.set(".gitattributes", FileState((), raw=GITATTRIBUTES))
        tree.set(NON_ASCII_PATH, FileState(self.lines("markdown", 40)))
        tree.set(SYMLINK_PATH, FileState((), mode="120000", raw=b"k8s/overlays/prod"))
        tree.set("docs/architecture.pdf", FileState((), raw=self.binary_blob()))
        tree.set("README.md", FileState(self.lines("markdown", rng.randint(40, 120))))
        return tree

    def run(self):
        rng = self.rng
        main = self.initial_tree()
        main_tip = self.write_commit("refs/heads/main", [], [(p, main.files[p]) for p in sorted(main.paths)])
        topic = None  # (tree, base_mark, tip_mark, touched, commits_left)
        next_tag = 5000
        while self.stats["commits"] < self.total:
            remaining = self.total - self.stats["commits"]
            if topic is not None:
                branch_tree, base, tip, touched, left = topic
                if left == 0 or remaining <= 1:
                    # Merge the topic: its changes overlaid on main, diffed against main.
                    changes = []
                    for path in touched:
                        state = branch_tree.files.get(path)
                        if state is None:
                            if path in main.files:
                                main.delete(path)
                                changes.append((path, None))
                        elif main.files.get(path) is not state:
                            main.set(path, state)
                            changes.append((path, state))
                    main_tip = self.write_commit("refs/heads/main", [main_tip, tip], changes)
                    self.stats["merges"] += 1
                    topic = None
                    continue
                if rng.random() < 0.6:
                    changes = self.change_set(branch_tree, touched)
                    tip = self.write_commit("refs/heads/topic", [tip], changes)
                    topic = (branch_tree, base, tip, touched, left - 1)
                    continue
            elif remaining > 3 and rng.random() < 0.15:
                topic = (main.copy(), main_tip, main_tip, {}, rng.randint(1, 4))
                branch_tree, base, tip, touched, left = topic
                changes = self.change_set(branch_tree, touched)
                tip = self.write_commit("refs/heads/topic", [base], changes)
                topic = (branch_tree, base, tip, touched, left - 1)
                continue
            bot = rng.random() < 0.03
            main_tip = self.write_commit("refs/heads/main", [main_tip], self.change_set(main, {}), bot=bot)
            if self.stats["commits"] >= next_tag:
                version = next_tag // 5000
                next_tag += 5000
                message = f"Release v{version}.0\n".encode()
                self.out.write(f"tag v{version}.0\nfrom :{main_tip}\ntagger Release Bot <release@example.com> {self.clock} +0000\n".encode())
                self.out.write(f"data {len(message)}\n".encode() + message + b"\n")
                if version == 1:
                    self.out.write(f"reset refs/heads/release/1.x\nfrom :{main_tip}\n\n".encode())
        self.out.write(b"done\n")
        return len(main.paths)


def quote_path(path):
    """fast-import path syntax: C-style quoting when the path has special bytes (not needed for UTF-8)."""
    raw = path.encode("utf-8")
    if raw.startswith(b'"') or b"\n" in raw:
        raise ValueError(f"unsupported path {path!r}")
    return raw


def run(command, **kwargs):
    subprocess.run(command, check=True, **kwargs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, required=True, help="number of commits (merges included)")
    parser.add_argument("--seed", type=int, default=1, help="PRNG seed (default 1)")
    parser.add_argument("--out", required=True, help="directory to create (must not exist)")
    parser.add_argument("--bare", action="store_true", help="create a bare repository")
    parser.add_argument("--no-repack", action="store_true", help="keep fast-import's packs as they are")
    args = parser.parse_args()
    if args.commits < 2:
        parser.error("--commits must be at least 2")
    if os.path.exists(args.out):
        parser.error(f"{args.out} already exists; remove it or choose another --out")

    started = time.monotonic()
    git = ["git", "-c", "init.defaultBranch=main"]
    run(git + ["init", "-q"] + (["--bare"] if args.bare else []) + [args.out])
    gitdir = args.out if args.bare else os.path.join(args.out, ".git")
    env = dict(os.environ, GIT_DIR=gitdir)
    try:
        importer = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE, env=env)
        stream = importer.stdin
        generator = Generator(args.seed, args.commits, _Buffered(stream))
        stream.write(b"feature done\n")
        files = generator.run()
        generator.out.flush()
        stream.close()
        if importer.wait() != 0:
            raise SystemExit("git fast-import failed")
        imported = time.monotonic()
        if not args.no_repack:
            run(["git", "repack", "-adfq"], env=env)
        if not args.bare:
            run(["git", "-C", args.out, "checkout", "-q", "-f", "main"], env={k: v for k, v in os.environ.items() if k != "GIT_DIR"})
    except BaseException:
        shutil.rmtree(args.out, ignore_errors=True)
        raise
    stats = generator.stats
    print(f"generated {args.out}: {stats['commits']} commits ({stats['merges']} merges), {files} files at main, "
          f"{stats['renames']} renames, {stats['binary']} binary changes, {stats['ai']} AI trailers, "
          f"{stats['latin1']} Latin-1 messages; fast-import {imported - started:.1f}s, "
          f"repack {time.monotonic() - imported:.1f}s", file=sys.stderr)


class _Buffered:
    """Collects small writes into large pipe writes (fast-import streams are many tiny records)."""

    def __init__(self, stream, limit=1 << 20):
        self.stream, self.limit, self.parts, self.size = stream, limit, [], 0

    def write(self, data):
        self.parts.append(data)
        self.size += len(data)
        if self.size >= self.limit:
            self.flush()

    def flush(self):
        self.stream.write(b"".join(self.parts))
        self.stream.flush()
        self.parts, self.size = [], 0


if __name__ == "__main__":
    main()
