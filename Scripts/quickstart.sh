#!/usr/bin/env bash
# One command from a fresh Debian machine with Swift to a risk report:
# installs what is missing, builds riskgate in release mode and reports on a repository.
#
#   bash Scripts/quickstart.sh [<repository>] [<revision>...]
#
# Default repository: the current directory. Default revisions: the latest 50 commits of HEAD.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
repository="${1:-$PWD}"
[ "$#" -gt 0 ] && shift

bash "$here/Scripts/install-dependencies.sh"

echo "==> building riskgate (release)" >&2
swift build -c release --package-path "$here" >&2
binary="$here/.build/release/riskgate"

echo "==> riskgate report on $repository" >&2
if [ "$#" -eq 0 ]; then
    set -- -n 50 HEAD
fi
status=0
"$binary" report -C "$repository" "$@" || status=$?
echo >&2
echo "riskgate is at $binary (copy it onto your PATH: install -m 755 $binary /usr/local/bin/)" >&2
exit "$status"
