#!/usr/bin/env bash
# Run every fuzz target for SECONDS seconds each (default 60): under atheris when it is
# installed (coverage-guided; a crash leaves its input in .cache/fuzz/), else as plain
# Python with random inputs. Exits non-zero if any target found a crash.
#
#   fuzz/run_all.sh 30          # what CI runs
#   PYTHON=.venv/bin/python fuzz/run_all.sh 10
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
python="${PYTHON:-python}"
out=.cache/fuzz
mkdir -p "$out"

if "$python" -c "import atheris" 2>/dev/null; then
    mode=atheris
else
    mode=plain
    echo "atheris is not installed for $("$python" -V 2>&1): plain Python with random inputs"
fi

failed=0
for target in fuzz/fuzz_*.py; do
    name="$(basename "$target" .py)"
    log="$out/$name.log"
    if [ "$mode" = atheris ]; then
        mkdir -p "$out/corpus/$name"
        if "$python" "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$out/$name-" "$out/corpus/$name" >"$log" 2>&1; then
            runs="$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)"
            echo "$name: ${runs:-done} (atheris), no crash"
        else
            failed=1
            echo "$name: CRASH (atheris); input saved as $out/$name-*; log: $log"
            tail -n 40 "$log"
        fi
    elif "$python" "$target" --plain --seconds "$seconds" >"$log" 2>&1; then
        tail -n 1 "$log"
    else
        failed=1
        echo "$name: CRASH (plain); log: $log"
        tail -n 40 "$log"
    fi
done
exit "$failed"
