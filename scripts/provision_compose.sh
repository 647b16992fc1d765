#!/usr/bin/env bash
# Provision the two real docker compose binaries of the live compose suite (tests/compose_live/).
#
# Debian's docker-compose packages (Go binaries, run as a docker CLI plugin or standalone):
#   2.26.1  trixie  (driven against dockerd 26.1.5)
#   2.40.3  sid     (driven against dockerd 28.5.2)
#
# It reuses the private apt configuration that scripts/provision_engines.sh writes into the
# git-ignored cache (.cache/engines/apt; the system's apt sources are never touched) and runs
# that script first for the daemons the suite needs. The binaries land in
#   .cache/engines/compose/<version>/docker-compose   (+ compose.env: COMPOSE_VERSION, DAEMON)
# or .cache/engines/compose/<version>/unavailable with the reason. Idempotent.
#
# Usage (as root): scripts/provision_compose.sh [VERSION...]     (default: both)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${EXITCODES_ENGINES_CACHE:-$repo_root/.cache/engines}"
apt_dir="$cache/apt"
debs="$cache/debs"
started=$(date +%s)
log() { printf 'provision_compose: %s\n' "$*" >&2; }

declare -A suite=([2.26.1]=trixie [2.40.3]=sid)
declare -A daemon=([2.26.1]=26.1.5 [2.40.3]=28.5.2)
wanted=("$@")
[ "${#wanted[@]}" -gt 0 ] || wanted=(2.26.1 2.40.3)
daemons=()
for version in "${wanted[@]}"; do
    [ -n "${suite[$version]:-}" ] || { log "unknown compose version '$version' (known: 2.26.1 2.40.3)"; exit 2; }
    daemons+=("${daemon[$version]}")
done

# The daemons (and the private apt configuration) first.
"$repo_root/scripts/provision_engines.sh" "${daemons[@]}" || log "provision_engines.sh failed (see above)"
[ -f "$apt_dir/sources.list.d/engines.sources" ] || { log "no private apt configuration in $apt_dir"; exit 1; }

apt_opts=(
    -o "Dir::Etc::SourceList=$apt_dir/sources.list"
    -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::Cache=$apt_dir/cache"
    -o "Dir::Cache::pkgcache=pkgcache.bin"
    -o "Dir::Cache::srcpkgcache=srcpkgcache.bin"
    -o "APT::Sandbox::User=root"
    -o "Acquire::Retries=3"
    -q
)

ready=0
for version in "${wanted[@]}"; do
    dir="$cache/compose/$version"
    mkdir -p "$dir"
    rm -f "$dir/unavailable"
    bin="$dir/docker-compose"
    if [ ! -x "$bin" ] || ! "$bin" version --short 2>/dev/null | grep -qx "$version"; then
        deb="$(find "$debs" -maxdepth 1 -name "docker-compose_${version}-*.deb" -print | head -n 1)"
        if [ -z "$deb" ]; then
            pkg_version="$(apt-cache "${apt_opts[@]}" madison docker-compose 2>/dev/null \
                | awk -F'|' -v s="${suite[$version]}" -v p="$version" '{
                    gsub(/ /, "", $2); if (index($3, " " s "/") && index($2, p) == 1) { print $2; exit } }')"
            if [ -z "$pkg_version" ]; then
                apt-get "${apt_opts[@]}" update >&2 || true
                pkg_version="$(apt-cache "${apt_opts[@]}" madison docker-compose 2>/dev/null \
                    | awk -F'|' -v s="${suite[$version]}" -v p="$version" '{
                        gsub(/ /, "", $2); if (index($3, " " s "/") && index($2, p) == 1) { print $2; exit } }')"
            fi
            if [ -n "$pkg_version" ]; then
                (cd "$debs" && apt-get "${apt_opts[@]}" download "docker-compose=$pkg_version" >&2) || true
                deb="$(find "$debs" -maxdepth 1 -name "docker-compose_${version}-*.deb" -print | head -n 1)"
            fi
        fi
        if [ -z "$deb" ]; then
            printf 'docker-compose %s is not in %s any more (or the download failed)\n' \
                "$version" "${suite[$version]}" >"$dir/unavailable"
            log "compose $version unavailable: $(cat "$dir/unavailable")"
            continue
        fi
        staging="$(mktemp -d "$cache/.compose.XXXXXX")"
        dpkg-deb -x "$deb" "$staging"
        found="$(find "$staging" -type f -name docker-compose -perm -u+x | head -n 1)"
        if [ -z "$found" ]; then
            printf 'no docker-compose binary in %s\n' "$(basename "$deb")" >"$dir/unavailable"
            rm -rf "$staging"
            continue
        fi
        install -m 0755 "$found" "$bin"
        rm -rf "$staging"
    fi
    if [ -f "$cache/daemons/${daemon[$version]}/unavailable" ] \
        || [ ! -f "$cache/daemons/${daemon[$version]}/daemon.env" ]; then
        printf 'dockerd %s is unavailable\n' "${daemon[$version]}" >"$dir/unavailable"
        continue
    fi
    printf 'COMPOSE_VERSION=%s\nDAEMON=%s\n' "$version" "${daemon[$version]}" >"$dir/compose.env"
    log "compose $version ready ($bin, dockerd ${daemon[$version]})"
    ready=$((ready + 1))
done
log "done in $(( $(date +%s) - started )) s: $ready of ${#wanted[@]} compose versions in $cache/compose"
[ "$ready" -gt 0 ]
