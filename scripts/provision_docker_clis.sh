#!/usr/bin/env bash
# Provision extra docker CLI binaries for the conformance suite (tests/conformance/).
#
# Downloads Debian's `docker.io` package (docker CLI 20.10.24 on Debian 12) with
# `apt-get download` and unpacks it with `dpkg -x` into
#     .cache/docker-clis/docker.io-<version>/
# so that the client binary ends up at
#     .cache/docker-clis/docker.io-<version>/usr/bin/docker
# Nothing is installed system-wide and no daemon is started: the conformance suite only
# runs the client, against a stub Engine API on 127.0.0.1.
#
# Idempotent: if the binary is already there and runs, nothing is downloaded again.
# Works as root on a fresh Debian 12 machine (runs `apt-get update` once if the download
# fails because the package lists are missing or stale).
#
# Usage: scripts/provision_docker_clis.sh            (from anywhere inside the repository)
#        EXITCODES_CLI_CACHE=/some/dir scripts/provision_docker_clis.sh
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="${EXITCODES_CLI_CACHE:-$repo_root/.cache/docker-clis}"
package="docker.io"

log() { printf 'provision_docker_clis: %s\n' "$*" >&2; }

# Fast path: any already unpacked docker.io-* tree with a working binary.
for existing in "$cache_dir"/"$package"-*/usr/bin/docker; do
    if [ -x "$existing" ] && "$existing" --version >/dev/null 2>&1; then
        log "already provisioned: $existing ($("$existing" --version))"
        exit 0
    fi
done

for tool in apt-get dpkg dpkg-deb; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        log "'$tool' not found: this script needs a Debian-based system"
        exit 1
    fi
done

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
# apt-get download drops privileges to the _apt user when it can; make the temp dir
# readable/writable for it so no "unsandboxed download" warning or failure appears.
chmod 0777 "$workdir"

download() {
    (cd "$workdir" && apt-get download -q "$package") >"$workdir/apt.log" 2>&1
}

if ! download; then
    log "apt-get download failed; running apt-get update and retrying"
    cat "$workdir/apt.log" >&2 || true
    if [ "$(id -u)" -ne 0 ]; then
        log "apt-get update needs root; rerun as root (or with sudo)"
        exit 1
    fi
    apt-get update -q >&2
    if ! download; then
        cat "$workdir/apt.log" >&2 || true
        log "apt-get download $package failed"
        exit 1
    fi
fi

deb="$(ls "$workdir"/"$package"_*.deb 2>/dev/null | head -n 1 || true)"
if [ -z "$deb" ]; then
    log "no .deb downloaded for $package"
    exit 1
fi

full_version="$(dpkg-deb -f "$deb" Version)"      # e.g. 20.10.24+dfsg1-1+deb12u1+b6
upstream="${full_version#*:}"                       # drop an epoch
upstream="${upstream%%[+~-]*}"                      # 20.10.24
target="$cache_dir/$package-$upstream"

mkdir -p "$cache_dir"
staging="$(mktemp -d "$cache_dir/.staging.XXXXXX")"
dpkg -x "$deb" "$staging"
if [ ! -x "$staging/usr/bin/docker" ]; then
    rm -rf "$staging"
    log "unpacked $deb but found no usr/bin/docker in it"
    exit 1
fi
# Keep only what the suite needs (the client); the daemon binaries are large.
rm -rf "$target"
mkdir -p "$target/usr/bin"
mv "$staging/usr/bin/docker" "$target/usr/bin/docker"
printf '%s\n' "$full_version" >"$target/DEBIAN_VERSION"
rm -rf "$staging"

log "provisioned $target/usr/bin/docker ($("$target/usr/bin/docker" --version))"
