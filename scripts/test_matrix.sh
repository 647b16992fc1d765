#!/usr/bin/env bash
# Run the test suite on several Pythons, each in its own venv under .cache/venvs/.
#
#   scripts/test_matrix.sh               # 3.10 and 3.13
#   scripts/test_matrix.sh 3.11 3.12     # any versions pyenv (or PATH) has
#   FRESH=1 scripts/test_matrix.sh       # recreate the venvs first
#   EXTRAS=tests,docs scripts/test_matrix.sh   # with CI=true the docs build is tested too
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
for version in "${versions[@]}"; do
    python="$(find_python "$version")"
    if [ -z "$python" ]; then
        echo "== Python $version: not found" >&2
        summary+=("$version: not found")
        status=1
        continue
    fi
    venv=".cache/venvs/py$version"
    started=$(date +%s)
    echo "== Python $version ($python) in $venv"
    if [ -n "${FRESH:-}" ]; then
        rm -rf "$venv"
    fi
    if [ ! -x "$venv/bin/python" ]; then
        "$python" -m venv "$venv"
    fi
    "$venv/bin/python" -m pip install --quiet ".[$extras]"
    "$venv/bin/python" -m pip install --quiet --no-deps --force-reinstall .  # this tree, always
    if "$venv/bin/python" -m pytest tests --ignore=tests/conformance -q -p no:cacheprovider; then
        result=passed
    else
        result=FAILED
        status=1
    fi
    elapsed=$(( $(date +%s) - started ))
    summary+=("$version: $result in ${elapsed} s ($("$venv/bin/python" -V 2>&1))")
done

echo "== matrix"
printf '%s\n' "${summary[@]}"
exit "$status"
