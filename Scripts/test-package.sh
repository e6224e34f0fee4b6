#!/usr/bin/env bash
# Checks the packages of Scripts/package.sh the way a server without Swift sees them:
#
#   1. the .deb and the tarball hold the binary, every hook shim, the man page and the completions,
#      and both carry the same binary;
#   2. `ldd` lists no library of the Swift toolchain and no libgit2;
#   3. in a private mount namespace where the toolchain's runtime libraries are hidden (a tmpfs over
#      <toolchain>/usr/lib/swift) and libgit2.so is hidden too (/dev/null bound over it):
#      the development build no longer starts (so the hiding is real), the packaged binary does,
#      its report on a fresh repository is byte for byte the development build's, and a push
#      through the pre-receive hook it installs is judged;
#   4. the GitHub Enterprise hook environment of Scripts/ghes-hook-env.sh (riskgate, its C libraries
#      and /bin/sh, nothing else) runs the same report in a chroot.
#
# Needs root (unshare -m, mount) and a development build (.build/debug/riskgate, or RISKGATE_DEV).
# Usage: bash Scripts/test-package.sh [dist/riskgate-<version>-linux-<arch>.tar.gz [dist/riskgate_<version>_<arch>.deb]]
# Exit 0 when every check passes; the first failure says what and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

fail() { echo "test-package.sh: FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

tarball=${1:-$(ls -t dist/riskgate-*-linux-*.tar.gz 2>/dev/null | head -n 1)}
deb=${2:-$(ls -t dist/riskgate_*.deb 2>/dev/null | head -n 1)}
[ -f "$tarball" ] || fail "no tarball (run bash Scripts/package.sh first)"
[ -f "$deb" ] || fail "no .deb (run bash Scripts/package.sh first)"
[ "$(id -u)" -eq 0 ] || fail "needs root for unshare -m and mount"

dev=${RISKGATE_DEV:-$root/.build/debug/riskgate}
if [ ! -x "$dev" ]; then
    swift build --product riskgate >&2
    dev=$root/.build/debug/riskgate
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- 1. contents ---------------------------------------------------------------------------------
tar -xzf "$tarball" -C "$work"
unpacked=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'riskgate-*' | head -n 1)
packaged=$unpacked/bin/riskgate
mkdir "$work/deb"
dpkg-deb -x "$deb" "$work/deb"
expected_files="usr/bin/riskgate
usr/share/man/man1/riskgate.1.gz
usr/share/bash-completion/completions/riskgate
usr/share/zsh/vendor-completions/_riskgate
usr/share/fish/vendor_completions.d/riskgate.fish"
for hook in hooks/*; do
    if head -n 1 "$hook" | grep -q '^#!/bin/sh'; then
        expected_files="$expected_files
usr/share/riskgate/hooks/$(basename "$hook")"
    fi
done
while IFS= read -r file; do
    [ -f "$work/deb/$file" ] || fail ".deb lacks /$file"
    [ -f "$unpacked/${file#usr/}" ] || fail "tarball lacks ${file#usr/}"
done <<<"$expected_files"
for hook in "$work"/deb/usr/share/riskgate/hooks/*; do
    [ -x "$hook" ] || fail "$hook is not executable"
    cmp -s "$hook" "hooks/$(basename "$hook")" || fail "$hook differs from hooks/$(basename "$hook")"
done
cmp -s "$packaged" "$work/deb/usr/bin/riskgate" || fail "the .deb and the tarball carry different binaries"
dpkg-deb -f "$deb" Depends | grep -q 'libgit2' && fail ".deb depends on libgit2 although it is linked in"
gzip -dc "$work/deb/usr/share/man/man1/riskgate.1.gz" | grep -q '^\.Dt RISKGATE 1' || fail "the man page has no .Dt RISKGATE 1 header"
gzip -dc "$work/deb/usr/share/man/man1/riskgate.1.gz" | grep -q 'install' || fail "the man page does not describe the subcommands"
grep -q 'riskgate' "$work/deb/usr/share/bash-completion/completions/riskgate" || fail "empty bash completion"
pass "contents: $(wc -l <<<"$expected_files") files in both packages, same binary; Depends: $(dpkg-deb -f "$deb" Depends)"

# --- 2. ldd --------------------------------------------------------------------------------------
toolchain_bin=$(dirname "$(readlink -f "$(command -v swift)")")
toolchain_lib=$(cd "$toolchain_bin/../lib/swift" && pwd)
ldd "$packaged" >"$work/ldd.txt" || true
if grep -E "libswift|libFoundation|libdispatch|libBlocksRuntime|libgit2|$toolchain_lib" "$work/ldd.txt"; then
    fail "the packaged binary loads the libraries above"
fi
if grep -q 'not found' "$work/ldd.txt"; then cat "$work/ldd.txt" >&2; fail "a library is missing"; fi
pass "ldd: $(awk '{print $1}' "$work/ldd.txt" | tr '\n' ' ')"

# --- 3. with the toolchain hidden ------------------------------------------------------------------
repo=$work/repo
git init -q -b main "$repo"
git -C "$repo" config user.name "Package Test"
git -C "$repo" config user.email "package@example.com"
mkdir -p "$repo/.github/workflows" "$repo/infra"
echo hello >"$repo/README.md"
git -C "$repo" add -A && git -C "$repo" commit -q -m "Initial commit"
printf 'on: push\njobs: {}\n' >"$repo/.github/workflows/ci.yml"
printf 'resource "aws_s3_bucket" "logs" {\n  force_destroy = true\n}\n' >"$repo/infra/main.tf"
git -C "$repo" add -A
git -C "$repo" commit -q -m "Add CI and the log bucket" --trailer "Co-authored-by: Claude <noreply@anthropic.com>"
"$dev" -C "$repo" report --all --format json >"$work/dev.json" || [ $? -eq 1 ]
git init -q --bare -b main "$work/server.git"

libgit2_so=$(readlink -f "$(pkg-config --variable=libdir libgit2)/libgit2.so" 2>/dev/null || true)
hide="mount -t tmpfs tmpfs '$toolchain_lib'"
if [ -n "$libgit2_so" ] && [ -f "$libgit2_so" ]; then hide="$hide && mount --bind /dev/null '$libgit2_so'"; fi

cat >"$work/inside.sh" <<EOF
set -u
$hide || { echo "cannot hide the toolchain" >&2; exit 3; }
if "$dev" --version >/dev/null 2>&1; then echo "the development build still starts: nothing is hidden" >&2; exit 4; fi
"$packaged" --version || exit 5
ldd "$packaged" | grep -q 'not found' && { ldd "$packaged" >&2; exit 6; }
"$packaged" -C "$repo" report --all --format json >"$work/packaged.json"
[ \$? -le 1 ] || exit 7
"$packaged" install --server "$work/server.git" --no-history >/dev/null || exit 8
git -C "$repo" push -q "$work/server.git" main 2>"$work/push.txt"
status=\$?
cat "$work/push.txt"
exit \$status
EOF
set +e
RISKGATE=$packaged unshare -m sh "$work/inside.sh" >"$work/inside.txt" 2>&1
status=$?
set -e
cat "$work/inside.txt"
case $status in
    0) ;;
    3) fail "could not mount over $toolchain_lib (root in a private mount namespace needed)" ;;
    4) fail "the development build still starts with $toolchain_lib hidden" ;;
    5) fail "the packaged binary does not start without the toolchain" ;;
    6) fail "the packaged binary misses a library without the toolchain" ;;
    7) fail "the packaged binary's report failed without the toolchain" ;;
    8) fail "the packaged binary could not install the server hooks" ;;
    *) fail "the push through the packaged pre-receive hook failed (exit $status)" ;;
esac
cmp -s "$work/dev.json" "$work/packaged.json" || {
    diff <(tr ',' '\n' <"$work/dev.json") <(tr ',' '\n' <"$work/packaged.json") | head -20 >&2
    fail "the packaged report differs from the development build's"
}
grep -q 'riskgate pre-receive: push allowed' "$work/inside.txt" || fail "the push was not judged by the packaged hook"
pass "with $toolchain_lib and libgit2.so hidden: the development build fails, the packaged one reports the same $(wc -c <"$work/dev.json") bytes of JSON and judges a push"
# --- 4. a GitHub Enterprise pre-receive environment: nothing but what the hook needs ---------------
bash Scripts/ghes-hook-env.sh "$tarball" "$work/hook-env.tar.gz" >/dev/null
mkdir "$work/chroot"
tar -xzf "$work/hook-env.tar.gz" -C "$work/chroot"
cp -a "$repo" "$work/chroot/tmp/repo"
# Without /proc the Swift runtime cannot read the command line: riskgate must refuse, not pass.
set +e
chroot "$work/chroot" /usr/local/bin/riskgate hook pre-receive </dev/null >"$work/noproc.txt" 2>&1
status=$?
set -e
[ "$status" -eq 2 ] && grep -q 'cannot read the command line' "$work/noproc.txt" ||
    { cat "$work/noproc.txt" >&2; fail "without /proc riskgate exited $status instead of refusing with exit 2"; }
cat >"$work/chroot.sh" <<EOF
mount -t proc proc '$work/chroot/proc' || exit 3
chroot '$work/chroot' /bin/sh -c 'exec /usr/local/bin/riskgate --version' >/dev/null || exit 4
chroot '$work/chroot' /usr/local/bin/riskgate -C /tmp/repo report --all --format json >'$work/chroot.json'
[ \$? -le 1 ] || exit 5
EOF
set +e
unshare -m sh "$work/chroot.sh"
status=$?
set -e
[ "$status" -eq 0 ] || fail "riskgate in the hook environment (with /proc) failed: step $status of chroot.sh"
cmp -s "$work/dev.json" "$work/chroot.json" || fail "the report in the hook environment differs from the development build's"
pass "hook environment: $(du -h "$work/hook-env.tar.gz" | cut -f1) tarball, $(find "$work/chroot" -type f | wc -l) files; the same report in the chroot; without /proc it refuses (exit 2)"
echo "test-package.sh: all checks passed"
