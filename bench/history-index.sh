#!/usr/bin/env bash
# Times `riskgate history build` (full build; updates by 100 commits, appended, and by 1,001,
# which compacts) against `git log --numstat` over the same history (SPEC §8 / issue 9: a full
# build within 2x of git), and a hook's lookup: opening the index and reading a few paths.
#
# Usage: bench/history-index.sh <repository (bare or not)> [rounds]
#   RISKGATE_BIN=/path/to/riskgate (release build) is required.
# Works on a throwaway clone (`git clone --bare --shared`), so the repository itself is not touched.
set -euo pipefail
source_repo=${1:?usage: history-index.sh <repository> [rounds]}
rounds=${2:-3}
bin=${RISKGATE_BIN:?set RISKGATE_BIN to a release build of riskgate}
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q --bare --shared "$source_repo" "$work/repo.git"
repo=$work/repo.git
branch=$(git -C "$repo" symbolic-ref HEAD)
tip=$(git -C "$repo" rev-parse HEAD)
commits=$(git -C "$repo" rev-list --count HEAD)

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

git_times=(); build_times=()
for ((round = 0; round < rounds; round++)); do
    if ((round % 2 == 0)); then
        git_times+=("$(seconds git -C "$repo" log --numstat --no-renames --diff-merges=first-parent --format='%H %P' HEAD)")
        build_times+=("$(seconds "$bin" history build -C "$repo" --rebuild --quiet)")
    else
        build_times+=("$(seconds "$bin" history build -C "$repo" --rebuild --quiet)")
        git_times+=("$(seconds git -C "$repo" log --numstat --no-renames --diff-merges=first-parent --format='%H %P' HEAD)")
    fi
done
git_median=$(printf '%s\n' "${git_times[@]}" | median)
build_median=$(printf '%s\n' "${build_times[@]}" | median)

update_times=()
for ((round = 0; round < rounds; round++)); do
    git -C "$repo" update-ref "$branch" "$tip~100"
    "$bin" history build -C "$repo" --rebuild --quiet
    git -C "$repo" update-ref "$branch" "$tip"
    update_times+=("$(seconds "$bin" history build -C "$repo" --quiet)")
done
update_median=$(printf '%s\n' "${update_times[@]}" | median)

# 1,001 new commits: more than the 1,000 an index appends before it compacts itself.
compact_times=()
for ((round = 0; round < rounds; round++)); do
    git -C "$repo" update-ref "$branch" "$tip~1001"
    "$bin" history build -C "$repo" --rebuild --quiet
    git -C "$repo" update-ref "$branch" "$tip"
    compact_times+=("$(seconds "$bin" history build -C "$repo" --quiet)")
done
compact_median=$(printf '%s\n' "${compact_times[@]}" | median)

# What a hook pays: open the index and look up the paths of the newest commit (whole process,
# and riskgate's own timing of the open and the lookups), with 100 commits appended since the
# last compaction.
git -C "$repo" update-ref "$branch" "$tip~100"
"$bin" history build -C "$repo" --rebuild --quiet
git -C "$repo" update-ref "$branch" "$tip"
"$bin" history build -C "$repo" --quiet
mapfile -t paths < <(git -C "$repo" show --format= --name-only HEAD | head -5)
show_median=$(for ((round = 0; round < rounds; round++)); do seconds "$bin" history show -C "$repo" "${paths[@]}"; done | median)
version_median=$(for ((round = 0; round < rounds; round++)); do seconds "$bin" --version; done | median)
inside=$("$bin" history show -C "$repo" "${paths[@]}" | tail -1)

echo "repository: $source_repo ($commits commits on HEAD, $rounds rounds, medians)"
echo "git log --numstat:             ${git_median}s"
echo "riskgate history build (full): ${build_median}s  ratio $(echo "scale=2; $build_median / $git_median" | bc)"
echo "update by 100 commits:         ${update_median}s (appended)"
echo "update by 1,001 commits:       ${compact_median}s (appended commits exceed 1,000: compacted)"
echo "history show, ${#paths[@]} paths:         ${show_median}s whole process (riskgate --version: ${version_median}s)"
echo "  inside riskgate:             $inside"
echo "index size:                    $(wc -c < "$repo/riskgate/history-index") bytes"
