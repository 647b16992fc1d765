#!/usr/bin/env bash
# Provision extra docker CLI binaries for the conformance suite (tests/conformance/).
#
# Two sources, both unpacked into the ignored cache (.cache/docker-clis/, or
# $EXITCODES_CLI_CACHE) so that every client binary ends up at
#     <cache>/<name>/usr/bin/docker
#
# 1. The real docker CLIs built from the docker/cli release tags, `docker-X.Y.Z.xz` with a
#    SHA256SUMS file, in $EXITCODES_CLI_SOURCE (default: ../shared/docker-clis next to the
#    repository, i.e. /work/shared/docker-clis). Each is unpacked with `xz -dc` into
#    <cache>/docker-X.Y.Z/usr/bin/docker and checked against SHA256SUMS; a binary whose
#    checksum differs is removed and the script fails.
# 2. Debian's `docker.io` package (docker CLI 20.10.24 on Debian 12), fetched with
#    `apt-get download` and unpacked with `dpkg -x` into <cache>/docker.io-<version>/.
#
# Nothing is installed system-wide and no daemon is started: the conformance suite only
# runs the clients, against a stub Engine API on 127.0.0.1.
#
# Idempotent: a binary that is already there, has the right checksum (or, for docker.io,
# runs) is kept.
#
# Usage: scripts/provision_docker_clis.sh            (from anywhere inside the repository)
#        EXITCODES_CLI_CACHE=/some/dir EXITCODES_CLI_SOURCE=/dir/of/xz scripts/provision_docker_clis.sh
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="${EXITCODES_CLI_CACHE:-$repo_root/.cache/docker-clis}"
source_dir="${EXITCODES_CLI_SOURCE:-$repo_root/../shared/docker-clis}"
package="docker.io"

log() { printf 'provision_docker_clis: %s\n' "$*" >&2; }

mkdir -p "$cache_dir"

# --- 1. the docker/cli release-tag builds -------------------------------------------------
provision_release_builds() {
    if [ ! -f "$source_dir/SHA256SUMS" ]; then
        log "no $source_dir/SHA256SUMS: skipping the release-tag CLIs"
        return 1
    fi
    local count=0 line sum name target have
    while read -r sum name; do
        [ -n "$name" ] || continue
        name="${name#\*}"
        target="$cache_dir/$name/usr/bin/docker"
        if [ -x "$target" ]; then
            have="$(sha256sum "$target" | cut -d' ' -f1)"
            if [ "$have" = "$sum" ]; then
                count=$((count + 1))
                continue
            fi
        fi
        if [ ! -f "$source_dir/$name.xz" ]; then
            log "$source_dir/$name.xz is missing"
            return 1
        fi
        mkdir -p "$cache_dir/$name/usr/bin"
        xz -dc "$source_dir/$name.xz" >"$target.partial"
        have="$(sha256sum "$target.partial" | cut -d' ' -f1)"
        if [ "$have" != "$sum" ]; then
            rm -f "$target.partial"
            log "checksum mismatch for $name: expected $sum, got $have"
            return 1
        fi
        chmod 0755 "$target.partial"
        mv "$target.partial" "$target"
        count=$((count + 1))
    done <"$source_dir/SHA256SUMS"
    log "release-tag CLIs verified in $cache_dir: $count"
}

# --- 2. Debian's docker.io ----------------------------------------------------------------
provision_debian() {
    local existing
    for existing in "$cache_dir"/"$package"-*/usr/bin/docker; do
        if [ -x "$existing" ] && "$existing" --version >/dev/null 2>&1; then
            log "already provisioned: $existing ($("$existing" --version))"
            return 0
        fi
    done

    local tool
    for tool in apt-get dpkg dpkg-deb; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            log "'$tool' not found: Debian's docker.io needs a Debian-based system"
            return 1
        fi
    done

    local workdir
    workdir="$(mktemp -d)"
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
            rm -rf "$workdir"
            return 1
        fi
        apt-get update -q >&2
        if ! download; then
            cat "$workdir/apt.log" >&2 || true
            log "apt-get download $package failed"
            rm -rf "$workdir"
            return 1
        fi
    fi

    local deb full_version upstream target staging
    deb="$(ls "$workdir"/"$package"_*.deb 2>/dev/null | head -n 1 || true)"
    if [ -z "$deb" ]; then
        log "no .deb downloaded for $package"
        rm -rf "$workdir"
        return 1
    fi

    full_version="$(dpkg-deb -f "$deb" Version)"      # e.g. 20.10.24+dfsg1-1+deb12u1+b6
    upstream="${full_version#*:}"                       # drop an epoch
    upstream="${upstream%%[+~-]*}"                      # 20.10.24
    target="$cache_dir/$package-$upstream"

    staging="$(mktemp -d "$cache_dir/.staging.XXXXXX")"
    dpkg -x "$deb" "$staging"
    if [ ! -x "$staging/usr/bin/docker" ]; then
        rm -rf "$staging" "$workdir"
        log "unpacked $deb but found no usr/bin/docker in it"
        return 1
    fi
    # Keep only what the suite needs (the client); the daemon binaries are large.
    rm -rf "$target"
    mkdir -p "$target/usr/bin"
    mv "$staging/usr/bin/docker" "$target/usr/bin/docker"
    printf '%s\n' "$full_version" >"$target/DEBIAN_VERSION"
    rm -rf "$staging" "$workdir"

    log "provisioned $target/usr/bin/docker ($("$target/usr/bin/docker" --version))"
}

status=0
provision_release_builds || status=1
provision_debian || status=1
exit "$status"
