#!/usr/bin/env bash
# The security probe's worst inputs (issue #16), each as one commit of a generated repository,
# judged by `riskgate report`: prints the median wall time per input over --rounds runs, and the
# score, decision and the findings that matter, so a slow matcher or a hidden file shows.
#
# Usage: bench/hardening-bombs.sh [--rounds N] [--sizes "1000 4000 16000 64000"]
#   RISKGATE_BIN=/path/to/riskgate   skip the release build
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=5
sizes="1000 2000 4000 16000 64000"
while [ $# -gt 0 ]; do
    case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--sizes \"1000 4000\"]" >&2; exit 64 ;;
    esac
done

bin=${RISKGATE_BIN:-}
if [ -z "$bin" ]; then
    swift build -c release --product riskgate --package-path "$root" >&2
    bin="$root/.build/release/riskgate"
fi

work="$root/bench/work/bombs"
rm -rf "$work"
mkdir -p "$work"
cd "$work"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
git init -q -b main .
git config user.name "Bench"
git config user.email "bench@example.com"
echo "x" > README
git add README
git commit -qm "initial"

ai_trailers=$'Co-authored-by: Claude <noreply@anthropic.com>\nAI-Session: https://claude.ai/code/session_01Bench'
declare -a names=()
declare -a shas=()
commit() { # name, message
    git add -A
    git commit -qm "$2"
    names+=("$1")
    shas+=("$(git rev-parse HEAD)")
}

for n in $sizes; do
    mkdir -p db
    python3 -c "import sys; sys.stdout.write('update users set' + ' ' * $n + 'a\n')" > "db/pad-$n.sql"
    commit "sql update set + $n spaces + a" "sql $n"
done
for n in $sizes; do
    mkdir -p .github/workflows
    python3 -c "import sys; sys.stdout.write('run: ' + 'curl ' * ($n // 5) + '\n')" > ".github/workflows/curl-$n.yml"
    commit "ci $((n / 5)) x curl" "curl $n"
done
braces=$(python3 -c "print('{a,b}' * 24)")
echo "retries" > src.txt
commit "AI-Scope 24 brace pairs" "$(printf 'Add retries\n\nAI-Scope: %s\n%s' "$braces" "$ai_trailers")"
long=$(python3 -c "print('a' * 250)")
mkdir -p src && echo x > "src/$long"
commit "AI-Scope *a*a...b, 250-byte name" "$(printf 'Add file\n\nAI-Scope: *a*a*a*a*a*a*a*a*a*a*a*a*b\n%s' "$ai_trailers")"
printf -- '-- migration\n\000DROP TABLE users;\n' > db/nul.sql
commit "NUL before DROP TABLE (.sql)" "nul"
python3 - <<'PY'
pad = "# padding to push the file over the content-scan limit\n" * 80000
open("main.tf", "w").write(pad + "resource \"aws_s3_bucket\" \"b\" {\n  force_destroy = true\n}\n" + pad)
PY
commit "4 MiB padding around force_destroy" "padded"
echo y > esc.txt
commit "ESC/OSC/BEL in the subject" "$(printf 'Fix\033]0;owned\007 retries\033[2J')"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%-40s %10s  %s\n' "input" "median ms" "score decision findings"
for i in "${!names[@]}"; do
    sha=${shas[$i]}
    times=()
    for _ in $(seq "$rounds"); do
        start=$(date +%s%N)
        "$bin" report --format json --exit-zero "$sha^!" > "$work/out.json" 2>/dev/null || true
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    ms=$(printf '%s\n' "${times[@]}" | median)
    summary=$(python3 - "$work/out.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
commit = report["commits"][0]
keep = [f"{f['rule']}:{f['points']}" for f in commit["findings"] if not f["rule"].startswith("change-")]
trace = commit["traceability"]
extra = f" trace={trace['status']} outOfScope={len(trace.get('outOfScope', []))}" if trace["status"] != "not-required" else ""
print(f"{commit['score']} {commit['decision']} {' '.join(keep)}{extra}")
PY
)
    printf '%-40s %10s  %s\n' "${names[$i]}" "$ms" "$summary"
done
# Terminal safety: the text report of the subject with escapes must hold no ESC or BEL byte.
if "$bin" report --color never --exit-zero "${shas[-1]}^!" | LC_ALL=C grep -q $'[\033\007]'; then
    echo "text report: ESC/BEL bytes reached the output" >&2
    exit 1
fi
echo "text report (--color never) of the escape subject: no ESC/BEL bytes"
