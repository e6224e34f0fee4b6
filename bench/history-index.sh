#!/usr/bin/env bash
# Times `riskgate history build` (full build, and an update by 100 commits) against
# `git log --numstat` over the same history (SPEC §8 / issue 9: a full build within 2x of git).
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
status_median=$(for ((round = 0; round < rounds; round++)); do seconds "$bin" history status -C "$repo"; done | median)

echo "repository: $source_repo ($commits commits on HEAD, $rounds rounds, medians)"
echo "git log --numstat:             ${git_median}s"
echo "riskgate history build (full): ${build_median}s  ratio $(echo "scale=2; $build_median / $git_median" | bc)"
echo "update by 100 commits:         ${update_median}s"
echo "history status (load+model):   ${status_median}s"
echo "index size:                    $(wc -c < "$repo/riskgate/history-index") bytes"
