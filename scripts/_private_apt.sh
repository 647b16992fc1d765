# shellcheck shell=bash
# A private apt configuration for newer Debian suites, sourced by the provisioning scripts
# (provision_engines.sh, provision_podman5.sh). Nothing here is installed system-wide and the
# system's apt sources are never written: they are only read, to copy the system's Debian
# source (URIs + Signed-By) with the suites bookworm, trixie and sid added.
#
# The sourcing script sets, before calling private_apt_init:
#   apt_dir      the private configuration: sources, lists and archive cache
#   debs         where `apt-get download` puts the .deb files
#   unpack_root  where each suite's packages are unpacked: <unpack_root>/<suite>/
# and defines log (one line to stderr). Then:
#   private_apt_init NAME       writes <apt_dir>/sources.list.d/NAME.sources, sets apt_opts
#   get SUITE PKG PREFIX...     downloads (once) and unpacks (once) each PKG whose upstream
#                               version starts with PREFIX; returns 1 after logging if one is
#                               missing. `apt-get update` runs only when a wanted version is
#                               not in the lists.
#   fetch_deb, unpack, suite_version, apt_update: the pieces of get.
# This file is sourced, not run: it sets no shell options of its own.

# The Debian source of the system (URIs + Signed-By of the stanza or line that carries the
# system's codename, not -security/-updates), printed as "URI<TAB>SIGNED_BY".
system_source() {
    local codename="$1" file found
    for file in /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] || continue
        found="$(awk -v want="$codename" '
            function flush() {
                if (uris != "" && hit && !found) { print uris "\t" signed; found = 1 }
                uris = ""; signed = ""; hit = 0
            }
            /^[ \t]*$/ { flush(); next }
            /^URIs:/ { uris = $2 }
            /^Signed-By:/ { signed = $2 }
            /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) hit = 1 }
            END { flush() }
        ' "$file")"
        if [ -n "$found" ]; then
            printf '%s\n' "$found"
            return 0
        fi
    done
    if [ -f /etc/apt/sources.list ]; then
        # deb [options] URI SUITE COMPONENTS...: the field before the system's codename.
        awk -v want="$codename" '$1 == "deb" {
            for (i = 3; i <= NF; i++) if ($i == want) { print $(i - 1) "\t"; exit }
        }' /etc/apt/sources.list
    fi
}

# private_apt_init NAME: the sources file, directories and apt_opts; returns 1 (after
# logging) when the system's Debian source cannot be found.
private_apt_init() {
    local name="$1" codename source_line uri signed_by sources wanted_sources
    : "${apt_dir:?is set by the sourcing script}" "${debs:?is set by the sourcing script}" \
        "${unpack_root:?is set by the sourcing script}"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
        "$apt_dir/sources.list.d" "$debs" "$unpack_root"
    codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
    if [ -z "$codename" ]; then
        log "no VERSION_CODENAME in /etc/os-release"
        return 1
    fi
    source_line="$(system_source "$codename" | head -n 1)"
    uri="${source_line%%$'\t'*}"
    signed_by="${source_line#*$'\t'}"
    if [ -z "$uri" ]; then
        log "could not find the system's Debian source for '$codename' in /etc/apt"
        return 1
    fi
    [ -n "$signed_by" ] && [ "$signed_by" != "$source_line" ] \
        || signed_by=/usr/share/keyrings/debian-archive-keyring.gpg
    sources="$apt_dir/sources.list.d/$name.sources"
    wanted_sources="Types: deb
URIs: $uri
Suites: bookworm trixie sid
Components: main
Signed-By: $signed_by
"
    if [ ! -f "$sources" ] || [ "$(cat "$sources")" != "${wanted_sources%$'\n'}" ]; then
        printf '%s' "$wanted_sources" >"$sources"
        rm -f "$apt_dir/updated"
    fi
    : >"$apt_dir/sources.list"

    apt_opts=(
        -o "Dir::Etc::SourceList=$apt_dir/sources.list"
        -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
        -o "Dir::State::Lists=$apt_dir/lists"
        -o "Dir::Cache=$apt_dir/cache"
        # Debian's container images switch the binary caches off (apt.conf.d/docker-clean);
        # without them every apt-cache/apt-get call parses the three suites' lists again.
        -o "Dir::Cache::pkgcache=pkgcache.bin"
        -o "Dir::Cache::srcpkgcache=srcpkgcache.bin"
        -o "APT::Sandbox::User=root"
        -o "Acquire::Retries=3"
        -q
    )
}

apt_update() {
    log "apt-get update (private lists in $apt_dir/lists)"
    apt-get "${apt_opts[@]}" update >&2
    date +%s >"$apt_dir/updated"
}

# The version of PKG in SUITE whose upstream part starts with PREFIX, from the private lists.
suite_version() {
    local pkg="$1" suite="$2" prefix="$3"
    apt-cache "${apt_opts[@]}" madison "$pkg" 2>/dev/null \
        | awk -F'|' -v suite="$suite" -v prefix="$prefix" '{
            gsub(/ /, "", $2); v = $2; u = v; sub(/^[0-9]+:/, "", u)
            if (index($3, " " suite "/") && index(u, prefix) == 1) { print v; exit }
        }'
}

# Download PKG (SUITE, upstream PREFIX; an empty PREFIX takes the suite's version, and any
# downloaded one when there is one) into debs/ unless present; prints the .deb path.
fetch_deb() {
    local pkg="$1" suite="$2" prefix="$3" version file
    file="$(find "$debs" -maxdepth 1 -name "${pkg}_*.deb" -print 2>/dev/null \
        | while read -r f; do
            v="$(dpkg-deb -f "$f" Version)"; u="${v#*:}"
            { [ -z "$prefix" ] || [ "${u#"$prefix"}" != "$u" ]; } && { printf '%s\n' "$f"; break; }
        done)"
    if [ -n "$file" ]; then
        printf '%s\n' "$file"
        return 0
    fi
    if [ ! -f "$apt_dir/updated" ]; then apt_update; fi
    version="$(suite_version "$pkg" "$suite" "$prefix")"
    if [ -z "$version" ] && [ -n "$(find "$apt_dir/updated" -mmin +60 2>/dev/null)" ]; then
        apt_update
        version="$(suite_version "$pkg" "$suite" "$prefix")"
    fi
    if [ -z "$version" ]; then
        log "no $pkg $prefix* in $suite (apt-cache madison $pkg: $(apt-cache "${apt_opts[@]}" \
            madison "$pkg" 2>/dev/null | awk -F'|' '{gsub(/ /,"",$2); printf "%s ", $2}'))"
        return 1
    fi
    (cd "$debs" && apt-get "${apt_opts[@]}" download "$pkg=$version" >&2) || return 1
    find "$debs" -maxdepth 1 -name "${pkg}_*.deb" -print | while read -r f; do
        [ "$(dpkg-deb -f "$f" Version)" = "$version" ] && { printf '%s\n' "$f"; break; }
    done
}

# Unpack a .deb into <unpack_root>/<suite>/ once (a marker per package file).
unpack() {
    local deb="$1" suite="$2" marker
    marker="$unpack_root/$suite/.unpacked/$(basename "$deb")"
    if [ ! -f "$marker" ]; then
        mkdir -p "$unpack_root/$suite/.unpacked"
        dpkg-deb -x "$deb" "$unpack_root/$suite"
        : >"$marker"
    fi
}

# get SUITE PKG PREFIX...: download and unpack; returns 1 (after logging) if one is missing.
get() {
    local suite="$1" deb
    shift
    while [ "$#" -gt 0 ]; do
        deb="$(fetch_deb "$1" "$suite" "$2")" || { log "cannot get $1 $2 from $suite"; return 1; }
        [ -n "$deb" ] || { log "cannot get $1 $2 from $suite"; return 1; }
        unpack "$deb" "$suite"
        shift 2
    done
}
