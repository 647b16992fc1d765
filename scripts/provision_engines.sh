#!/usr/bin/env bash
# Provision real docker daemons for the live engine suite (tests/engines_live/), privately.
#
# Nothing is installed system-wide, nothing is pulled, the system's apt sources are not touched.
# Everything lands in the git-ignored cache (default <repo>/.cache/engines, or $EXITCODES_ENGINES_CACHE):
#
#   apt/                a private apt configuration: the system's Debian source (its URIs and
#                       Signed-By, read from /etc/apt) with the suites bookworm, trixie and sid,
#                       its own lists and archive cache. `apt-get update` runs only when a wanted
#                       package version is not in the lists.
#   debs/               `apt-get download PKG=VERSION` results.
#   root/<suite>/       each suite's packages unpacked with `dpkg-deb -x`.
#   built/              dockerd 29.7.2 and runc 1.3.6 unpacked from /work/shared/engines
#                       ($EXITCODES_SHARED_ENGINES), checked against its SHA256SUMS.
#   daemons/<version>/  one directory per daemon: bin/ (symlinks: dockerd, containerd,
#                       containerd-shim-runc-v2, runc, docker-init, docker = the daemon's own CLI
#                       where there is one) and daemon.env (what the test runner reads).
#   rootfs.tar          a static busybox root file system, imported as bb:latest by the runner.
#
# The daemons (table below; the versions are the ones measured in
# /work/shared/reference/real-engines.md):
#   20.10.24  bookworm docker.io + containerd 1.6.20 + runc 1.1.5 (CLI 20.10.24 in docker.io)
#   26.1.5    trixie docker.io + docker-cli + containerd 1.7.24, bookworm's runc
#   28.5.2    sid docker.io + docker-cli + containerd 2.1.9, bookworm's runc
#   29.7.2    the shared dockerd 29.7.2 + runc 1.3.6, bookworm's containerd, CLI 29.7.2 from
#             /work/shared/docker-clis ($EXITCODES_SHARED_CLIS) when present
#
# A daemon whose pieces cannot be had is reported (and written to daemons/<version>/unavailable)
# but does not fail the script: the live suite skips it and prints that reason. The script fails
# only when no daemon at all could be provisioned.
#
# Idempotent and cache-aware: downloaded packages, unpacked roots and the rootfs are kept and
# reused; a second run takes seconds.
#
# Usage (as root): scripts/provision_engines.sh [VERSION...]     (default: all four)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${EXITCODES_ENGINES_CACHE:-$repo_root/.cache/engines}"
shared_engines="${EXITCODES_SHARED_ENGINES:-/work/shared/engines}"
shared_clis="${EXITCODES_SHARED_CLIS:-/work/shared/docker-clis}"
apt_dir="$cache/apt"
debs="$cache/debs"
started=$(date +%s)

log() { printf 'provision_engines: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    log "must run as root (dockerd and containerd run as root)"
    exit 1
fi
for tool in apt-get apt-cache dpkg-deb xz sha256sum tar; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        log "'$tool' not found: this script needs a Debian-based system"
        exit 1
    fi
done

mkdir -p "$cache/built" "$cache/daemons"

# --- 1. a private apt configuration ----------------------------------------------------------
# scripts/_private_apt.sh: the system's Debian source copied with trixie and sid, its own lists
# and archive cache under $apt_dir; `get SUITE PKG PREFIX...` downloads and unpacks.
unpack_root="$cache/root"
# shellcheck source=scripts/_private_apt.sh
. "$repo_root/scripts/_private_apt.sh"
private_apt_init engines || exit 1

# --- 2. the daemons --------------------------------------------------------------------------
# daemon VERSION: write daemons/VERSION/{bin/,daemon.env} or daemons/VERSION/unavailable.
declare -A cli_version
link_daemon() {
    # link_daemon VERSION DOCKERD CONTAINERD SHIM RUNC INIT CLI CONTAINERD_VERSION RUNC_VERSION
    local version="$1" dir="$cache/daemons/$1" name target
    rm -rf "$dir/bin" "$dir/unavailable"
    mkdir -p "$dir/bin"
    for pair in "dockerd=$2" "containerd=$3" "containerd-shim-runc-v2=$4" "runc=$5" \
        "docker-init=$6" "docker=$7"; do
        name="${pair%%=*}"
        target="${pair#*=}"
        [ -n "$target" ] || continue
        if [ ! -x "$target" ]; then
            printf '%s is missing or not executable: %s\n' "$name" "$target" >"$dir/unavailable"
            rm -rf "$dir/bin"
            log "daemon $version unavailable: $(cat "$dir/unavailable")"
            return 1
        fi
        ln -s "$target" "$dir/bin/$name"
    done
    # The versions the binaries themselves report (a suite's containerd is picked by prefix).
    local containerd_v runc_v
    containerd_v="$("$dir/bin/containerd" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' \
        | head -n 1 || true)"
    runc_v="$("$dir/bin/runc" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' \
        | head -n 1 || true)"
    {
        printf 'DOCKERD_VERSION=%s\n' "$version"
        printf 'CONTAINERD_VERSION=%s\n' "${containerd_v:-$8}"
        printf 'RUNC_VERSION=%s\n' "${runc_v:-$9}"
        printf 'CLI_VERSION=%s\n' "${cli_version[$version]:-}"
    } >"$dir/daemon.env"
    log "daemon $version ready: containerd ${containerd_v:-$8}, runc ${runc_v:-$9}, own CLI ${cli_version[$version]:-none}"
}

unavailable() {
    local version="$1"
    shift
    mkdir -p "$cache/daemons/$version"
    rm -rf "$cache/daemons/$version/bin"
    printf '%s\n' "$*" >"$cache/daemons/$version/unavailable"
    log "daemon $version unavailable: $*"
}

bw="$cache/root/bookworm"
bookworm_ok=0
if get bookworm runc 1.1.5 containerd 1.6.20 busybox-static 1.35 tini 0.19; then
    bookworm_ok=1
fi

provision_20() {
    if [ "$bookworm_ok" = 1 ] && get bookworm docker.io 20.10.24; then
        cli_version[20.10.24]=20.10.24
        link_daemon 20.10.24 "$bw/usr/sbin/dockerd" "$bw/usr/bin/containerd" \
            "$bw/usr/bin/containerd-shim-runc-v2" "$bw/usr/sbin/runc" "$bw/usr/bin/tini-static" \
            "$bw/usr/bin/docker" 1.6.20 1.1.5
    else
        unavailable 20.10.24 "bookworm packages docker.io 20.10.24 / containerd 1.6.20 / runc 1.1.5 could not be downloaded (see the provisioning log)"
    fi
}

provision_newer() {
    # provision_newer VERSION SUITE CONTAINERD
    local version="$1" suite="$2" containerd="$3" root="$cache/root/$2"
    if [ "$bookworm_ok" = 1 ] && get "$suite" docker.io "$version" docker-cli "$version" \
        containerd "$containerd"; then
        cli_version[$version]=$version
        link_daemon "$version" "$root/usr/sbin/dockerd" "$root/usr/bin/containerd" \
            "$root/usr/bin/containerd-shim-runc-v2" "$bw/usr/sbin/runc" \
            "$bw/usr/bin/tini-static" "$root/usr/bin/docker" "$containerd" 1.1.5
    else
        unavailable "$version" "$suite packages docker.io/docker-cli $version and containerd $containerd could not be downloaded (see the provisioning log; the suite may have moved on)"
    fi
}

unxz_checked() {
    # unxz_checked NAME: built/NAME from shared/NAME.xz, verified against SHA256SUMS.
    local name="$1" out="$cache/built/$1"
    if [ -x "$out" ] && (cd "$cache/built" && grep " $name\$" "$shared_engines/SHA256SUMS" \
        | sha256sum -c --quiet - >/dev/null 2>&1); then
        return 0
    fi
    [ -f "$shared_engines/$name.xz" ] || { log "$shared_engines/$name.xz is missing"; return 1; }
    xz -dc "$shared_engines/$name.xz" >"$out.tmp"
    chmod +x "$out.tmp"
    mv "$out.tmp" "$out"
    if ! (cd "$cache/built" && grep " $name\$" "$shared_engines/SHA256SUMS" | sha256sum -c --quiet -); then
        log "$name does not match $shared_engines/SHA256SUMS"
        rm -f "$out"
        return 1
    fi
}

provision_29() {
    local cli=""
    if [ "$bookworm_ok" != 1 ]; then
        unavailable 29.7.2 "bookworm's containerd 1.6.20 could not be downloaded"
        return 0
    fi
    if ! unxz_checked dockerd-29.7.2 || ! unxz_checked runc-1.3.6; then
        unavailable 29.7.2 "dockerd-29.7.2 / runc-1.3.6 missing from $shared_engines or failing its SHA256SUMS"
        return 0
    fi
    if [ -f "$shared_clis/docker-29.7.2.xz" ]; then
        if [ ! -x "$cache/built/docker-29.7.2" ]; then
            xz -dc "$shared_clis/docker-29.7.2.xz" >"$cache/built/docker-29.7.2.tmp"
            chmod +x "$cache/built/docker-29.7.2.tmp"
            mv "$cache/built/docker-29.7.2.tmp" "$cache/built/docker-29.7.2"
        fi
        cli="$cache/built/docker-29.7.2"
        cli_version[29.7.2]=29.7.2
    fi
    link_daemon 29.7.2 "$cache/built/dockerd-29.7.2" "$bw/usr/bin/containerd" \
        "$bw/usr/bin/containerd-shim-runc-v2" "$cache/built/runc-1.3.6" \
        "$bw/usr/bin/tini-static" "$cli" 1.6.20 1.3.6
}

wanted=("$@")
[ "${#wanted[@]}" -gt 0 ] || wanted=(20.10.24 26.1.5 28.5.2 29.7.2)
for version in "${wanted[@]}"; do
    case "$version" in
        20.10.24) provision_20 ;;
        26.1.5) provision_newer 26.1.5 trixie 1.7.24 ;;
        28.5.2) provision_newer 28.5.2 sid 2.1 ;;
        29.7.2) provision_29 ;;
        *) log "unknown daemon version '$version' (known: 20.10.24 26.1.5 28.5.2 29.7.2)"; exit 2 ;;
    esac
done

# --- 3. the busybox rootfs -------------------------------------------------------------------
rootfs_tar="$cache/rootfs.tar"
busybox="$bw/bin/busybox"
if [ -x "$busybox" ]; then
    stamp="$(sha256sum "$busybox" "$0" | sha256sum | cut -c1-16)"
    if [ ! -f "$rootfs_tar" ] || [ "$(cat "$rootfs_tar.stamp" 2>/dev/null)" != "$stamp" ]; then
        staging="$(mktemp -d "$cache/.rootfs.XXXXXX")"
        trap 'rm -rf "$staging"' EXIT
        mkdir -p "$staging"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev,run,var/tmp,adir}
        chmod 1777 "$staging/tmp" "$staging/var/tmp"
        install -m 0755 "$busybox" "$staging/bin/busybox"
        "$busybox" --list-full | while read -r applet; do
            [ -n "$applet" ] || continue
            [ -e "$staging/$applet" ] || ln -s /bin/busybox "$staging/$applet"
        done
        printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
            >"$staging/etc/passwd"
        printf 'root:x:0:\nnogroup:x:65534:\n' >"$staging/etc/group"
        printf '#!/bin/sh\necho "this script must not run: it has no exec bit"\nexit 42\n' \
            >"$staging/bin/noexec.sh"
        printf '#!/nonexistent/interp\necho "this script must not run"\n' >"$staging/bin/badinterp.sh"
        printf '\177ELF this is not a real executable, only its magic\n' >"$staging/bin/garbage"
        printf '#!/bin/sh\ntrap "" TERM\necho ready\nwhile :; do sleep 1; done\n' \
            >"$staging/bin/ignoreterm.sh"
        # A memory hog: the shell doubles a string until the cgroup's limit is hit.
        printf '#!/bin/sh\necho ready\nx=0123456789abcdef\nwhile :; do x="$x$x"; done\n' \
            >"$staging/bin/hog.sh"
        chmod 0644 "$staging/bin/noexec.sh" "$staging/etc/passwd" "$staging/etc/group"
        chmod 0755 "$staging/bin/badinterp.sh" "$staging/bin/garbage" \
            "$staging/bin/ignoreterm.sh" "$staging/bin/hog.sh"
        tar --numeric-owner --owner=0 --group=0 -C "$staging" -cf "$rootfs_tar.tmp" .
        mv "$rootfs_tar.tmp" "$rootfs_tar"
        printf '%s\n' "$stamp" >"$rootfs_tar.stamp"
        rm -rf "$staging"
        trap - EXIT
        log "rootfs built: $rootfs_tar"
    else
        log "rootfs already built: $rootfs_tar"
    fi
else
    log "no busybox (bookworm's busybox-static): no rootfs; every daemon is unusable"
fi

ready=0
for version in "${wanted[@]}"; do
    [ -f "$cache/daemons/$version/daemon.env" ] && [ ! -f "$cache/daemons/$version/unavailable" ] \
        && ready=$((ready + 1))
done
log "done in $(( $(date +%s) - started )) s: $ready of ${#wanted[@]} daemons provisioned in $cache/daemons"
[ "$ready" -gt 0 ] && [ -f "$rootfs_tar" ]
