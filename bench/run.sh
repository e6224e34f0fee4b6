#!/usr/bin/env bash
# Times `riskgate report --all --format json` against the git command that does the same work,
#   git log --all --numstat --no-renames --diff-merges=first-parent --format='%H %P'
# on a generated repository, in interleaved rounds (this VM's speed drifts: per-round ratios and
# medians, never single runs), then checks riskgate's numbers against git's.
#
# Usage: bench/run.sh [--commits N] [--seed S] [--rounds R]
#   --commits N   size of the generated repository (default 50000)
#   --seed S      generator seed (default 1)
#   --rounds R    interleaved rounds (default 5)
# Environment:
#   RISKGATE_BIN      a riskgate binary to test (default: build this checkout in release)
#   RISKGATE_SCRATCH  SwiftPM scratch path for that build (default: <repo>/.build-bench-release)
#
# Repositories are cached under bench/work/ (git-ignored), keyed by size, seed and a hash of the
# generator, so a changed generator never reuses a stale repository.
# Exit status: 0 when riskgate's numbers equal git's, 1 when they differ, 2 on usage or setup errors.
set -euo pipefail

commits=50000
seed=1
rounds=5
while [ $# -gt 0 ]; do
    case "$1" in
        --commits) commits="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$commits$seed$rounds" in *[!0-9]*) echo "run.sh: --commits, --seed and --rounds take numbers" >&2; exit 2 ;; esac

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench_dir")
work="$bench_dir/work"
mkdir -p "$work"

# The tools under test read no user or system configuration, so results do not depend on it.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C

# GNU time gives wall time and peak RSS (%M, KiB).
if ! [ -x /usr/bin/time ]; then
    echo "installing GNU time (Debian package 'time')" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null
    else sudo apt-get install -y -qq time >/dev/null; fi
fi

# riskgate under test.
if [ -n "${RISKGATE_BIN:-}" ]; then
    riskgate="$RISKGATE_BIN"
else
    scratch="${RISKGATE_SCRATCH:-$root/.build-bench-release}"
    echo "building riskgate (release, scratch path $scratch)" >&2
    (cd "$root" && swift build -c release --product riskgate --scratch-path "$scratch" >&2)
    riskgate="$(cd "$root" && swift build -c release --scratch-path "$scratch" --show-bin-path)/riskgate"
fi
[ -x "$riskgate" ] || { echo "run.sh: no riskgate binary at $riskgate" >&2; exit 2; }

# The repository, generated once per (commits, seed, generator version).
generator_hash=$(sha256sum "$bench_dir/generate-repo.py" | cut -c1-10)
repo="$work/repo-c$commits-s$seed-$generator_hash"
if ! [ -e "$repo/.git/bench-complete" ]; then
    rm -rf "$repo"
    echo "generating $repo" >&2
    python3 "$bench_dir/generate-repo.py" --commits "$commits" --seed "$seed" --out "$repo"
    touch "$repo/.git/bench-complete"
fi

git_cmd=(git -C "$repo" log --all --numstat --no-renames --diff-merges=first-parent '--format=%H %P')
riskgate_cmd=("$riskgate" report --all --format json -C "$repo")
echo "repository: $repo ($(git -C "$repo" rev-list --all --count) commits, $(git -C "$repo" count-objects -vH | sed -n 's/^size-pack: //p') pack)"
echo "riskgate:   $riskgate"
echo "git:        $(git --version)"
echo

# One timed run: prints "<wall s> <peak RSS KiB> <user s> <system s>". riskgate exits 1 when its
# policy blocks; that is a result, not a failure of the run.
timed() {
    local out="$work/time.$$" status=0
    /usr/bin/time -f '%e %M %U %S' -o "$out" "$@" >/dev/null || status=$?
    if [ "$status" -gt 1 ]; then echo "run.sh: '$*' failed with status $status" >&2; cat "$out" >&2; exit 2; fi
    tail -n 1 "$out"
    rm -f "$out"
}

# The warm-up (untimed) fills the page cache and keeps both outputs for the correctness check;
# git's run adds -z, which changes only how paths are printed.
echo "warm-up (untimed; its outputs are kept for the correctness check)"
git -C "$repo" log --all --numstat --no-renames --diff-merges=first-parent -z '--format=%H %P' >"$work/git-numstat.$$.out"
status=0
"${riskgate_cmd[@]}" >"$work/riskgate.$$.json" || status=$?
if [ "$status" -gt 1 ]; then echo "run.sh: riskgate failed with status $status" >&2; exit 2; fi

results="$work/rounds.$$"
: >"$results"
printf '%-6s %8s %8s %8s %12s %12s %12s %8s %10s\n' round "git s" "git cpu" "git MB" "riskgate s" "riskgate cpu" "riskgate MB" ratio "cpu ratio"
for round in $(seq 1 "$rounds"); do
    # Alternate which command goes first so a drift in host speed does not favour one of them.
    if [ $((round % 2)) = 1 ]; then
        git_result=$(timed "${git_cmd[@]}")
        rg_result=$(timed "${riskgate_cmd[@]}")
    else
        rg_result=$(timed "${riskgate_cmd[@]}")
        git_result=$(timed "${git_cmd[@]}")
    fi
    read -r git_s git_kb git_user git_sys <<<"$git_result"
    read -r rg_s rg_kb rg_user rg_sys <<<"$rg_result"
    echo "$git_s $git_kb $rg_s $rg_kb $git_user $git_sys $rg_user $rg_sys" >>"$results"
    awk -v r="$round" '{ gc = $5 + $6; rc = $7 + $8
        printf "%-6s %8.2f %8.2f %8.0f %12.2f %12.2f %12.0f %8.2f %10.2f\n", r, $1, gc, $2/1024, $3, rc, $4/1024,
            ($1 > 0 ? $3/$1 : 0), (gc > 0 ? rc/gc : 0) }' <<<"$git_s $git_kb $rg_s $rg_kb $git_user $git_sys $rg_user $rg_sys"
done

python3 - "$results" <<'EOF'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
git_s = [r[0] for r in rows]; rg_s = [r[2] for r in rows]
ratios = [r[2] / r[0] for r in rows if r[0] > 0]
git_cpu = [r[4] + r[5] for r in rows]; rg_cpu = [r[6] + r[7] for r in rows]
cpu_ratios = [rc / gc for rc, gc in zip(rg_cpu, git_cpu) if gc > 0]
rss = [r[3] / 1024 for r in rows]; git_rss = [r[1] / 1024 for r in rows]
ratio = statistics.median(ratios)
print()
print(f"median wall: git {statistics.median(git_s):.2f} s, riskgate {statistics.median(rg_s):.2f} s")
print(f"median of per-round ratios riskgate/git: {ratio:.2f} (per round: {', '.join(f'{x:.2f}' for x in ratios)})")
print(f"CPU time (user+sys), less sensitive to other load: git {statistics.median(git_cpu):.2f} s, "
      f"riskgate {statistics.median(rg_cpu):.2f} s, median per-round ratio {statistics.median(cpu_ratios):.2f}")
print(f"riskgate peak RSS: max {max(rss):.0f} MB, median {statistics.median(rss):.0f} MB "
      f"(git: max {max(git_rss):.0f} MB)")
print(f"targets (SPEC 8): ratio <= 1.5 {'met' if ratio <= 1.5 else 'MISSED'}; "
      f"peak RSS < 400 MB {'met' if max(rss) < 400 else 'MISSED'}")
EOF
rm -f "$results"

echo
echo "correctness: riskgate's files and line counts against git log --numstat, commit by commit"
check=0
python3 "$bench_dir/compare-numstat.py" "$work/git-numstat.$$.out" "$work/riskgate.$$.json" || check=$?
if [ "$check" = 0 ]; then rm -f "$work/git-numstat.$$.out" "$work/riskgate.$$.json"
else echo "kept $work/git-numstat.$$.out and $work/riskgate.$$.json for inspection" >&2; fi
exit "$check"
