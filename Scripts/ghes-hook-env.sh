#!/usr/bin/env bash
# Builds a GitHub Enterprise Server pre-receive hook environment (a chroot as a .tar.gz) around the
# packaged riskgate: the binary at /usr/local/bin/riskgate, the C libraries `ldd` names for it,
# /bin/sh (dash) for the hook script, and optionally the admin configuration at
# /etc/riskgate/config.yml. Nothing else: riskgate reads the repository with its own libgit2.
# riskgate needs /proc mounted in the chroot (the Swift runtime reads its arguments from
# /proc/self/cmdline); without it riskgate refuses to run (exit 2) rather than misread the hook.
#
# Usage: bash Scripts/ghes-hook-env.sh <riskgate-<version>-linux-<arch>.tar.gz> <output.tar.gz> [<config.yml>]
#
# Then on the appliance (README "Installing on a server"):
#   ghe-hook-env-create riskgate /home/admin/riskgate-hook-env.tar.gz
# and a hook script in a hooks repository:  exec /usr/local/bin/riskgate hook pre-receive "$@"
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
fi
tarball=$1
output=$2
config=${3:-}
[ -f "$tarball" ] || { echo "ghes-hook-env.sh: $tarball not found (bash Scripts/package.sh writes it to dist/)" >&2; exit 2; }
[ -z "$config" ] || [ -f "$config" ] || { echo "ghes-hook-env.sh: $config not found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
unpacked=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'riskgate-*' | head -n 1)
env=$work/env
mkdir -p "$env/usr/local/bin" "$env/bin" "$env/tmp" "$env/etc/riskgate" "$env/proc"
chmod 1777 "$env/tmp"
install -m 755 "$unpacked/bin/riskgate" "$env/usr/local/bin/riskgate"
install -m 755 "$(readlink -f /bin/sh)" "$env/bin/sh"
[ -z "$config" ] || install -m 644 "$config" "$env/etc/riskgate/config.yml"

# Every shared library riskgate and sh load (with the dynamic loader), at the same paths.
for program in "$env/usr/local/bin/riskgate" "$env/bin/sh"; do
    ldd "$program" | grep -o '/[^ ]*' | while IFS= read -r library; do
        mkdir -p "$env$(dirname "$library")"
        cp -L "$library" "$env$library"
    done
done
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$env" -czf "$output" .
echo "wrote $output ($(du -h "$output" | cut -f1)): $(cd "$env" && find . -type f | sort | tr '\n' ' ')"
