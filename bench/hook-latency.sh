#!/usr/bin/env bash
# Added latency of riskgate's pre-receive hook on a large server repository (SPEC §8):
# a bare repository with 50,000 commits (bench/generate-repo.py) and 10,000 refs, into which a
# client pushes 100 and 1,000 new commits, and a merge of a 1,000-commit branch the server
# already has into main. Prints medians of the hook's own wall time (measured
# inside the real push, with the objects in quarantine) and riskgate's start-up time.
#
# Usage: bench/hook-latency.sh [--commits N] [--refs R] [--rounds K] [--history on|off]
#   --commits N   history size (default 50000)       --refs R   extra refs (default 10000)
#   --rounds K    pushes per size (default 7)
#   --history on  the server has a history index of its default branch (built once, kept with
#                 the server) and the hook adds history findings from it (default);
#   --history off the same server with `history: {enabled: false}`: the hook never opens it.
# Environment: RISKGATE_BIN (a riskgate binary; default: build this checkout in release with
#   RISKGATE_SCRATCH, default <repo>/.build-bench-release).
#
# How the hook is timed: the server's pre-receive wraps `riskgate hook pre-receive` in GNU time,
# records its wall and CPU (user + system) time in milliseconds (CPU time is steadier on a shared
# machine), and then rejects the push, so git deletes the quarantine and every
# round pushes the same new commits into the same repository. The push is otherwise unchanged,
# so the hook's time is exactly the latency riskgate adds. Targets: 100 commits < 250 ms,
# 1,000 commits < 1 s, start-up < 30 ms.
set -euo pipefail

commits=50000
refs=10000
rounds=7
history=on
while [ $# -gt 0 ]; do
    case "$1" in
        --commits) commits="$2"; shift 2 ;;
        --refs) refs="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --history) history="$2"; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "hook-latency.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$commits$refs$rounds" in *[!0-9]*) echo "hook-latency.sh: numbers only" >&2; exit 2 ;; esac
case "$history" in on|off) ;; *) echo "hook-latency.sh: --history takes on or off" >&2; exit 2 ;; esac

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench_dir")
work="$bench_dir/work"
mkdir -p "$work"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C

if [ -n "${RISKGATE_BIN:-}" ]; then
    riskgate="$RISKGATE_BIN"
else
    scratch="${RISKGATE_SCRATCH:-$root/.build-bench-release}"
    echo "building riskgate (release, scratch path $scratch)" >&2
    (cd "$root" && swift build -c release --product riskgate --scratch-path "$scratch" >&2)
    riskgate="$(cd "$root" && swift build -c release --scratch-path "$scratch" --show-bin-path)/riskgate"
fi
[ -x "$riskgate" ] || { echo "hook-latency.sh: no riskgate binary at $riskgate" >&2; exit 2; }

# The history, shared with bench/run.sh's cache.
generator_hash=$(sha256sum "$bench_dir/generate-repo.py" | cut -c1-10)
source_repo="$work/repo-c$commits-s1-$generator_hash"
if ! [ -e "$source_repo/.git/bench-complete" ]; then
    rm -rf "$source_repo"
    echo "generating $source_repo" >&2
    python3 "$bench_dir/generate-repo.py" --commits "$commits" --seed 1 --out "$source_repo"
    touch "$source_repo/.git/bench-complete"
fi

# The server: a bare copy with R extra refs (branches and tags at commits spread over the
# history), packed as a real server keeps them.
server="$work/hook-server-c$commits-r$refs-$generator_hash.git"
if ! [ -e "$server/bench-complete" ]; then
    rm -rf "$server"
    echo "building $server with $refs extra refs" >&2
    git clone -q --bare "$source_repo" "$server"
    total=$(git -C "$server" rev-list --all --count)
    step=$(( total / refs > 0 ? total / refs : 1 ))
    git -C "$server" rev-list --all | awk -v step="$step" -v refs="$refs" '
        NR % step == 0 && n < refs { n++; kind = (n % 10 == 0) ? "tags/bench/t" : "heads/bench/b"; print "create refs/" kind n " " $1 }' \
        | git -C "$server" update-ref --stdin
    git -C "$server" pack-refs --all
    touch "$server/bench-complete"
fi
if ! [ -e "$server/riskgate/history-index" ]; then
    echo "building the server's history index" >&2
    "$riskgate" history build -C "$server" --quiet
fi
config_args=""
if [ "$history" = off ]; then
    printf 'version: 1\nhistory: {enabled: false}\n' > "$work/history-off.yml"
    config_args="--config $work/history-off.yml"
fi
echo "server:   $server ($(git -C "$server" rev-list --all --count) commits, $(git -C "$server" for-each-ref | wc -l) refs; history $history)"
echo "riskgate: $riskgate"

# The hook: times riskgate, then rejects so the quarantine is discarded.
times="$work/hook-times.$$"
cat > "$server/hooks/pre-receive" <<HOOK
#!/bin/sh
input=\$(cat)
printf '%s\n' "\$input" | /usr/bin/time -o "$times.one" -f "%e %U %S %x" "$riskgate" hook pre-receive $config_args >/dev/null 2>"$work/hook-stderr.$$"
awk '{ printf "%d %d %s\\n", \$1 * 1000, (\$2 + \$3) * 1000, \$4 }' "$times.one" >> "$times"
exit 1
HOOK
chmod +x "$server/hooks/pre-receive"

# The client: a clone with N new commits on top of main, made with fast-import (3 files each).
client="$work/hook-client.$$"
trap 'rm -rf "$client" "$times" "$times.one" "$work/hook-stderr.$$" "$work/hook-existing.$$"' EXIT
git clone -q --shared "$server" "$client"
base=$(git -C "$client" rev-parse HEAD)
# Each new commit also edits one of 50 files the history has (so history lookups hit real
# per-path tables, as a real push's do).
existing="$work/hook-existing.$$"
git -C "$client" ls-tree -r --name-only HEAD | awk 'NR % 7 == 0 && n < 50 { print; n++ }' > "$existing"
make_commits() {  # <count> <branch>
    local count=$1 branch=$2
    python3 - "$count" "$branch" "$base" "$existing" <<'PY' | git -C "$client" fast-import --quiet
import sys
count, branch, base = int(sys.argv[1]), sys.argv[2], sys.argv[3]
existing = [line.strip() for line in open(sys.argv[4]) if line.strip()]
out = sys.stdout
for i in range(1, count + 1):
    message = f"Bench change {i} of {count}\n"
    out.write(f"commit refs/heads/{branch}\nmark :{i}\ncommitter Bench <bench@example.com> {1800000000 + i} +0000\n")
    out.write(f"data {len(message.encode())}\n{message}")
    out.write(f"from {base}\n" if i == 1 else f"from :{i - 1}\n")
    for f in range(3):
        body = "".join(f"line {j} of file {f} in change {i}\n" for j in range(20))
        out.write(f"M 100644 inline src/bench/{branch}/file{(i * 3 + f) % 50}.txt\ndata {len(body.encode())}\n{body}")
    if existing:
        body = f"edited by bench change {i} of {count}\n"
        out.write(f"M 100644 inline {existing[i % len(existing)]}\ndata {len(body.encode())}\n{body}")
    out.write("\n")
PY
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# 0 commits: a new branch at a commit the server has (repository, configuration and rules
# loaded, boundary settled against the refs, nothing to analyse).
for size in 0 100 1000; do
    if [ "$size" = 0 ]; then source="$base"; else make_commits "$size" "bench-$size"; source="bench-$size"; fi
    : > "$times"
    for _ in $(seq "$rounds"); do
        git -C "$client" push -q origin "$source:refs/heads/incoming-$size" >/dev/null 2>&1 || true
    done
    if ! grep -q . "$times"; then echo "hook-latency.sh: the hook never ran" >&2; exit 2; fi
    statuses=$(awk '{ print $3 }' "$times" | sort -u | tr '\n' ' ')
    verdict=$(grep -o 'push [a-z ]*([^)]*)' "$work/hook-stderr.$$" | head -1 || true)
    echo "push of $size commits: median $(awk '{ print $1 }' "$times" | median) ms wall, $(awk '{ print $2 }' "$times" | median) ms CPU over $rounds pushes (riskgate exit $statuses; $verdict)"
done

# A 1,000-commit feature branch merged into main after its first push: its commits are already on
# the server (fetched into a branch without hooks, as an accepted first push leaves them), and the
# merge's push brings all 1,001 of them to main, where they are judged again under main's policy.
git -C "$server" fetch -q "$client" "bench-1000:refs/heads/bench-feature-1000"
trap 'git -C "$server" update-ref -d refs/heads/bench-feature-1000 2>/dev/null || true; rm -rf "$client" "$times" "$times.one" "$work/hook-stderr.$$" "$work/hook-existing.$$"' EXIT
merge=$(GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com GIT_AUTHOR_DATE="1800009999 +0000" GIT_COMMITTER_DATE="1800009999 +0000" git -C "$client" commit-tree -p "$base" -p bench-1000 -m "Merge the feature" "bench-1000^{tree}")
: > "$times"
for _ in $(seq "$rounds"); do
    git -C "$client" push -q origin "$merge:refs/heads/main" >/dev/null 2>&1 || true
done
statuses=$(awk '{ print $3 }' "$times" | sort -u | tr '\n' ' ')
verdict=$(grep -o 'push [a-z ]*([^)]*)' "$work/hook-stderr.$$" | head -1 || true)
echo "merge of a pushed 1,000-commit branch into main: median $(awk '{ print $1 }' "$times" | median) ms wall, $(awk '{ print $2 }' "$times" | median) ms CPU over $rounds pushes (riskgate exit $statuses; $verdict)"

# Start-up: the hook with no ref lines (process start, stdin read, nothing to judge).
: > "$times"
for _ in $(seq "$rounds"); do
    (cd "$server" && GIT_DIR=. /usr/bin/time -o "$times.one" -f "%e %U %S" "$riskgate" hook pre-receive $config_args </dev/null >/dev/null 2>&1) || true
    awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$times.one" >> "$times"
done
echo "start-up (no ref lines): median $(awk '{ print $1 }' "$times" | median) ms wall, $(awk '{ print $2 }' "$times" | median) ms CPU"
start=$(date +%s%N)
for _ in $(seq "$rounds"); do "$riskgate" --version >/dev/null; done
end=$(date +%s%N)
echo "process start (riskgate --version): $(( (end - start) / 1000000 / rounds )) ms mean"
