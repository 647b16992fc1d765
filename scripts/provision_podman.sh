#!/usr/bin/env bash
# Provision a real podman for the live podman conformance tests (tests/podman_live/).
#
# 1. Installs Debian's podman (4.3.1 on Debian 12), runc, conmon and busybox-static with
#    apt-get (root only; `apt-get update` runs only when the install fails without it).
#    crun may come along as podman's default runtime; the tests pass `--runtime runc`
#    because crun cannot run on these machines (hybrid cgroups, rlimits).
# 2. Builds a minimal root file system, without any image pull, in
#        .cache/podman-rootfs/        (repo-relative; .cache/ is git-ignored)
#    holding a static busybox with its applet links (/bin/sh, /bin/sleep, ...), /etc/passwd,
#    /etc/group and /bin/noexec.sh (a shell script with mode 0644: no exec bit), so that
#        podman run --runtime runc --network none \
#            --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
#            --rootfs .cache/podman-rootfs sh -c 'exit 3'
#    works.
# 3. Checks that such a run really works and exits 3.
#
# Idempotent: packages already installed are not reinstalled, and a complete rootfs is kept
# (it is rebuilt only when its busybox differs from the installed one or a file is missing).
#
# Usage (as root): scripts/provision_podman.sh
#        EXITCODES_PODMAN_ROOTFS=/some/dir scripts/provision_podman.sh
#        EXITCODES_PODMAN_SKIP_CHECK=1 scripts/provision_podman.sh   (skip step 3)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rootfs="${EXITCODES_PODMAN_ROOTFS:-$repo_root/.cache/podman-rootfs}"
packages=(podman runc conmon busybox-static)

log() { printf 'provision_podman: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    log "must run as root (the live tests run podman as root)"
    exit 1
fi
for tool in apt-get dpkg-query; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        log "'$tool' not found: this script needs a Debian-based system"
        exit 1
    fi
done

# --- 1. packages ---------------------------------------------------------------------------
missing=()
for package in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)"
    if [ "$status" != "installed" ]; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -gt 0 ]; then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt_install() {
        apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
    }
    if ! apt_install; then
        log "apt-get install failed; running apt-get update and retrying"
        apt-get update -q >&2
        apt_install
    fi
else
    log "packages already installed: ${packages[*]}"
fi

for binary in podman runc conmon; do
    if ! command -v "$binary" >/dev/null 2>&1; then
        # conmon lives in /usr/libexec/podman on some distributions; podman finds it there.
        if [ "$binary" = conmon ] && [ -x /usr/libexec/podman/conmon ]; then
            continue
        fi
        log "'$binary' is not on PATH after the install"
        exit 1
    fi
done

busybox=/bin/busybox   # installed by busybox-static; statically linked, so it runs in the rootfs
if [ ! -x "$busybox" ]; then
    log "busybox-static did not install $busybox"
    exit 1
fi

# --- 2. rootfs -----------------------------------------------------------------------------
rootfs_ok() {
    [ -x "$rootfs/bin/busybox" ] && cmp -s "$busybox" "$rootfs/bin/busybox" \
        && [ -L "$rootfs/bin/sh" ] && [ -L "$rootfs/bin/sleep" ] \
        && [ -f "$rootfs/etc/passwd" ] && [ -f "$rootfs/etc/group" ] \
        && [ -f "$rootfs/bin/noexec.sh" ] && [ ! -x "$rootfs/bin/noexec.sh" ]
}

if rootfs_ok; then
    log "rootfs already built: $rootfs"
else
    log "building rootfs in $rootfs"
    parent="$(dirname "$rootfs")"
    mkdir -p "$parent"
    staging="$(mktemp -d "$parent/.podman-rootfs.XXXXXX")"
    trap 'rm -rf "$staging"' EXIT
    mkdir -p "$staging"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev,run,var/tmp}
    chmod 1777 "$staging/tmp" "$staging/var/tmp"
    chmod 0755 "$staging"
    install -m 0755 "$busybox" "$staging/bin/busybox"
    # `busybox --list-full` prints each applet with its directory (bin/sh, usr/bin/env, ...).
    "$busybox" --list-full | while read -r applet; do
        [ -n "$applet" ] || continue
        target="$staging/$applet"
        mkdir -p "$(dirname "$target")"
        [ -e "$target" ] || ln -s /bin/busybox "$target"
    done
    cat >"$staging/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
    cat >"$staging/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
    printf '#!/bin/sh\necho "this script must not run: it has no exec bit"\nexit 42\n' \
        >"$staging/bin/noexec.sh"
    chmod 0644 "$staging/bin/noexec.sh" "$staging/etc/passwd" "$staging/etc/group"
    rm -rf "$rootfs"
    mv "$staging" "$rootfs"
    trap - EXIT
    if ! rootfs_ok; then
        log "the rootfs in $rootfs is incomplete after building it"
        exit 1
    fi
    log "rootfs built: $rootfs ($(find "$rootfs" -type l | wc -l) applet links)"
fi

# --- 3. check ------------------------------------------------------------------------------
if [ "${EXITCODES_PODMAN_SKIP_CHECK:-0}" = 1 ]; then
    log "check skipped (EXITCODES_PODMAN_SKIP_CHECK=1)"
    exit 0
fi
set +e
podman run --rm --runtime runc --network none \
    --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
    --rootfs "$rootfs" sh -c 'exit 3'
code=$?
set -e
if [ "$code" -ne 3 ]; then
    log "check failed: 'podman run --rootfs ... sh -c \"exit 3\"' exited $code, expected 3"
    exit 1
fi
log "ready: $(podman --version), $(runc --version | head -n 1), rootfs $rootfs"
