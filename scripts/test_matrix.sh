#!/usr/bin/env bash
# Run the test suite on several Pythons, each in its own venv under .cache/venvs/.
#
#   scripts/test_matrix.sh               # 3.10 and 3.13
#   scripts/test_matrix.sh 3.11 3.12     # any versions pyenv (or PATH) has
#   FRESH=1 scripts/test_matrix.sh       # recreate the venvs first
#   EXTRAS=tests,docs scripts/test_matrix.sh   # with CI=true the docs build is tested too
#   PARALLEL=1 scripts/test_matrix.sh    # the suites of the versions run at the same time
#   SKIP="tests/test_x.py ..." scripts/test_matrix.sh   # leave these test files out
#   INSTALL_ONLY=1 scripts/test_matrix.sh   # only create and fill the venvs
#   INSTALLED=1 scripts/test_matrix.sh      # only run the suites, in the venvs already filled
#
# Each venv gets the project installed from this tree with its extras (default: tests),
# as a real wheel build, not an editable install; then it runs the README's test command
# minus the conformance suite, which needs real docker CLIs.
set -euo pipefail
cd "$(dirname "$0")/.."
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(3.10 3.13)
extras="${EXTRAS:-tests}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

find_python() {
    local version="$1" candidate
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/python; do
        if [ -x "$candidate" ]; then
            echo "$candidate"
            return
        fi
    done
    command -v "python$version" || true
}

status=0
summary=()
ready=()
mkdir -p .cache/venvs
rm -f .cache/venvs/result-* .cache/venvs/log-*
# Install every venv first (one build at a time), then run the suites; with PARALLEL=1 the
# suites run concurrently (each is one pytest process: two of them use both cores).
for version in "${versions[@]}"; do
    python="$(find_python "$version")"
    if [ -z "$python" ]; then
        echo "== Python $version: not found" >&2
        summary+=("$version: not found")
        status=1
        continue
    fi
    venv=".cache/venvs/py$version"
    echo "== Python $version ($python) in $venv"
    if [ -n "${FRESH:-}" ]; then
        rm -rf "$venv"
    fi
    if [ -z "${INSTALLED:-}" ]; then
        if [ ! -x "$venv/bin/python" ]; then
            "$python" -m venv "$venv"
        fi
        "$venv/bin/python" -m pip install --quiet ".[$extras]"
        "$venv/bin/python" -m pip install --quiet --no-deps --force-reinstall .  # this tree
    elif [ ! -x "$venv/bin/python" ]; then
        echo "== Python $version: INSTALLED=1 but $venv has no python" >&2
        summary+=("$version: not installed")
        status=1
        continue
    fi
    ready+=("$version")
done
if [ -n "${INSTALL_ONLY:-}" ]; then
    echo "== installed: ${ready[*]}"
    exit "$status"
fi

run_suite() {  # version -> runs the README's test command minus conformance; writes its result
    local version="$1" venv=".cache/venvs/py$1" began result
    began=$(date +%s)
    local ignored=(--ignore=tests/conformance) skipped
    for skipped in ${SKIP:-}; do
        ignored+=("--ignore=$skipped")
    done
    if "$venv/bin/python" -m pytest tests "${ignored[@]}" -q -p no:cacheprovider; then
        result=passed
    else
        result=FAILED
    fi
    echo "$version: $result in $(( $(date +%s) - began )) s ($("$venv/bin/python" -V 2>&1))" \
        >".cache/venvs/result-$version"
}

if [ -n "${PARALLEL:-}" ]; then
    pids=()
    for version in "${ready[@]}"; do
        run_suite "$version" >".cache/venvs/log-$version" 2>&1 &
        pids+=("$!")
    done
    for pid in "${pids[@]}"; do
        wait "$pid" || true
    done
    for version in "${ready[@]}"; do
        echo "== Python $version: the suite"
        cat ".cache/venvs/log-$version"
    done
else
    for version in "${ready[@]}"; do
        run_suite "$version"
    done
fi
for version in "${ready[@]}"; do
    line="$(cat ".cache/venvs/result-$version" 2>/dev/null || echo "$version: FAILED (no result)")"
    summary+=("$line")
    case "$line" in *": passed in "*) ;; *) status=1 ;; esac
done

echo "== matrix"
printf '%s\n' "${summary[@]}"
exit "$status"
