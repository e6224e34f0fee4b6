#!/usr/bin/env bash
# Builds riskgate's packages from this checkout:
#
#   dist/riskgate_<version>_<arch>.deb             Debian/Ubuntu: /usr/bin/riskgate, the hook shims in
#                                                  /usr/share/riskgate/hooks/, the man page, completions
#   dist/riskgate-<version>-linux-<arch>.tar.gz    the same files under bin/ and share/, for any glibc Linux
#                                                  and GitHub Enterprise pre-receive environments
#
# The binary needs no Swift toolchain and no libgit2 on the target: the Swift runtime and
# Foundation are linked in (--static-swift-stdlib), and so is libgit2, from Debian's libgit2.a
# with its dependencies (mbedTLS, libssh2 with OpenSSL's libcrypto, http-parser, PCRE2, zlib).
# What is left are the C and C++ runtime libraries every distribution has (see `ldd`).
# README "Installing on a server" says why libgit2 is linked statically.
#
# Usage: bash Scripts/package.sh [--dynamic-libgit2]
#   --dynamic-libgit2   link libgit2.so instead (the .deb then depends on libgit2-1.5); for comparison
#
# The build goes to .build-package/ (kept between runs: a second run only recompiles what changed).
# `riskgate --version` names the commit: this script writes it into
# Sources/riskgate/Generated/BuildCommit.swift for the build and puts the file back afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

libgit2=static
for argument in "$@"; do
    case $argument in
        --dynamic-libgit2) libgit2=dynamic ;;
        -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "package.sh: unknown argument '$argument' (see --help)" >&2; exit 64 ;;
    esac
done

bash Scripts/install-dependencies.sh --packaging

scratch=${RISKGATE_PACKAGE_SCRATCH:-$root/.build-package}
dist=$root/dist
work=$(mktemp -d)
generated=Sources/riskgate/Generated/BuildCommit.swift
mkdir -p "$scratch" "$dist"
cp -p "$generated" "$work/BuildCommit.swift"
restore() {
    cp -p "$work/BuildCommit.swift" "$root/$generated"
    rm -rf "$work"
}
trap restore EXIT
trap 'exit 130' INT TERM

# --- the man page ------------------------------------------------------------------------------
# From the command tree, by swift-argument-parser's generate-manual plugin. It builds the package's
# tools in debug (in .build, the development build, which test-package.sh uses too), before
# anything below changes the sources or the link.
if git rev-parse HEAD >/dev/null 2>&1; then manual_date=$(git log -1 --format=%cs HEAD); else manual_date=$(date +%F); fi
if ! swift package plugin generate-manual --configuration debug -- --section 1 --date "$manual_date" >"$work/manual.log" 2>&1; then
    cat "$work/manual.log" >&2
    echo "package.sh: generate-manual failed (above)" >&2
    exit 1
fi
cp .build/plugins/GenerateManual/outputs/riskgate/riskgate.1 "$work/riskgate.1"

# --- the commit, for --version ----------------------------------------------------------------
if commit=$(git rev-parse --short=12 HEAD 2>/dev/null); then
    if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit-dirty"; fi
    epoch=$(git log -1 --format=%ct HEAD)
else
    commit=unknown
    epoch=$(date +%s)
fi
cat >"$generated" <<EOF
// The commit a packaged riskgate was built from. Scripts/package.sh writes the real one here for
// its build and puts this file back afterwards; every other build says "dev".
enum BuildCommit {
    static let value = "$commit"
}
EOF

# --- link flags ---------------------------------------------------------------------------------
libdir=$(pkg-config --variable=libdir libgit2)
link=()
if [ "$libgit2" = static ]; then
    # SwiftPM reads libgit2.pc itself and puts its -L before everything else, so a libgit2.pc of our
    # own, first on PKG_CONFIG_PATH, points -lgit2 at a folder holding only static archives (nothing
    # there can resolve to a shared library), followed by libgit2's own dependencies.
    archives=$scratch/static-libs
    rm -rf "$archives" "$scratch/pkgconfig"
    mkdir -p "$archives" "$scratch/pkgconfig"
    # re2 (the content-rule engine, CRE2's -lre2) resolves here too, so it is linked in as well.
    for name in git2 mbedtls mbedx509 mbedcrypto http_parser ssh2 crypto pcre2-8 z re2; do
        if [ ! -f "$libdir/lib$name.a" ]; then
            echo "package.sh: $libdir/lib$name.a is missing (Scripts/install-dependencies.sh --packaging installs it)" >&2
            exit 2
        fi
        ln -s "$libdir/lib$name.a" "$archives/lib$name.a"
    done
    cat >"$scratch/pkgconfig/libgit2.pc" <<EOF
libdir=$archives
includedir=$(pkg-config --variable=includedir libgit2)

Name: libgit2
Description: libgit2 and its dependencies as static archives (riskgate Scripts/package.sh)
Version: $(pkg-config --modversion libgit2)
Libs: -L\${libdir} -lgit2 -lmbedtls -lmbedx509 -lmbedcrypto -lhttp_parser -lssh2 -lcrypto -lpcre2-8 -lz -lrt -ldl -lpthread
Cflags: -I\${includedir}
EOF
    export PKG_CONFIG_PATH=$scratch/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
    # Kerberos exists only as a shared library; libgit2's nine GSS-API calls get stand-ins.
    cc -O2 -Wall -Wextra -Werror -fPIC -c Scripts/packaging/gssapi-stub.c -o "$scratch/gssapi-stub.o"
    link+=(-Xlinker "$scratch/gssapi-stub.o")
fi

# --- build ---------------------------------------------------------------------------------------
started=$(date +%s)
echo "==> swift build -c release --static-swift-stdlib (libgit2 $libgit2) into $scratch" >&2
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product riskgate "${link[@]}"
binary=$scratch/release/riskgate
built=$(date +%s)

if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|/opt/swift|swift/linux'; then
    echo "package.sh: the binary still loads the Swift runtime from the toolchain (above)" >&2
    exit 1
fi
if [ "$libgit2" = static ] && ldd "$binary" | grep -E 'libgit2|libgssapi|libssh2|libmbed|libre2'; then
    echo "package.sh: libgit2 or one of its libraries is still linked dynamically (above)" >&2
    exit 1
fi

version_line=$("$binary" --version)
version=$(printf '%s\n' "$version_line" | awk '{print $2}')
deb_arch=$(dpkg --print-architecture)
tar_arch=$(uname -m)
echo "==> $version_line" >&2

# --- the files, laid out once under usr/ ---------------------------------------------------------
tree=$work/tree/usr
install -D -m 755 "$binary" "$tree/bin/riskgate"
strip --strip-unneeded "$tree/bin/riskgate" 2>/dev/null || true
install -d "$tree/share/riskgate/hooks"
for hook in hooks/*; do
    # Every shim (a POSIX sh script) goes along; the README is documentation.
    if [ -f "$hook" ] && head -n 1 "$hook" | grep -q '^#!/bin/sh'; then
        install -m 755 "$hook" "$tree/share/riskgate/hooks/"
    fi
done
install -D -m 644 hooks/README.md "$tree/share/doc/riskgate/hooks.md"
install -D -m 644 README.md "$tree/share/doc/riskgate/README.md"

install -D -m 644 "$work/riskgate.1" "$tree/share/man/man1/riskgate.1"
gzip -9n "$tree/share/man/man1/riskgate.1"

"$tree/bin/riskgate" --generate-completion-script bash >"$work/riskgate.bash"
"$tree/bin/riskgate" --generate-completion-script zsh >"$work/_riskgate"
"$tree/bin/riskgate" --generate-completion-script fish >"$work/riskgate.fish"
install -D -m 644 "$work/riskgate.bash" "$tree/share/bash-completion/completions/riskgate"
install -D -m 644 "$work/_riskgate" "$tree/share/zsh/vendor-completions/_riskgate"
install -D -m 644 "$work/riskgate.fish" "$tree/share/fish/vendor_completions.d/riskgate.fish"
find "$work/tree" -exec touch -h -d "@$epoch" {} +

# --- .deb ----------------------------------------------------------------------------------------
deb_root=$work/deb
mkdir -p "$deb_root/DEBIAN"
cp -a "$work/tree/usr" "$deb_root/usr"
# Shared libraries the binary still needs, as Debian package dependencies.
mkdir -p "$work/shlibs/debian"
printf 'Source: riskgate\n\nPackage: riskgate\nArchitecture: any\n' >"$work/shlibs/debian/control"
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O -e"$deb_root/usr/bin/riskgate" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
if [ -z "$depends" ]; then
    echo "package.sh: dpkg-shlibdeps found no dependencies for the binary" >&2
    exit 1
fi
installed_size=$(du -sk "$deb_root/usr" | cut -f1)
cat >"$deb_root/DEBIAN/control" <<EOF
Package: riskgate
Version: $version
Architecture: $deb_arch
Maintainer: riskgate maintainers <riskgate@localhost>
Installed-Size: $installed_size
Depends: $depends
Recommends: git
Section: devel
Priority: optional
Description: risk gate for AI-assisted changes at the git boundary
 riskgate reads every commit of a push or a branch and says who wrote it (human,
 AI-assisted, AI-authored or bot), whether an AI change traces to its prompt,
 and how large its blast radius is, then allows, flags or blocks the push from
 a client pre-push hook or a server pre-receive hook, with a tamper-evident
 audit trail. Built from commit $commit.
EOF
deb=$dist/riskgate_${version}_${deb_arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$deb_root" "$deb" >/dev/null

# --- tarball ------------------------------------------------------------------------------------
name=riskgate-$version-linux-$tar_arch
mkdir -p "$work/tar/$name"
cp -a "$work/tree/usr/." "$work/tar/$name/"
tarball=$dist/$name.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$work/tar" -cf - "$name" | gzip -9n >"$tarball"

finished=$(date +%s)
echo "==> built in $((built - started)) s, packaged in $((finished - built)) s" >&2
echo "==> binary: $(stat -c %s "$tree/bin/riskgate") bytes stripped ($(stat -c %s "$binary") unstripped); needs:" >&2
ldd "$tree/bin/riskgate" | sed 's/^/      /' >&2
ls -l "$deb" "$tarball" >&2
echo "Depends: $depends" >&2
