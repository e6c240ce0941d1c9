#!/usr/bin/env bash
# Code engine speed against Semgrep on the same tree: steward's code engine (all its
# pattern and taint rules) and Semgrep OSS with the
# local taint rules in bench/semgrep/taint-rules.yml (no registry, no metrics). Prints
# each tool's median wall time over RUNS runs, its peak memory and the time ratio.
#
#   bash bench/code_vs_semgrep.sh DIR          # any source tree
#   RUNS=5 JOBS=2 bash bench/code_vs_semgrep.sh "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
#   unzip -q "$JAVA_HOME/lib/src.zip" 'java.base/*' -d /tmp/jdk && bash bench/code_vs_semgrep.sh /tmp/jdk/java.base
#
# Semgrep: python3 -m pip install semgrep (optional: without it only steward runs).
set -euo pipefail
cd "$(dirname "$0")/.."

TREE="${1:?usage: bench/code_vs_semgrep.sh DIR}"
RUNS="${RUNS:-3}"
JOBS="${JOBS:-$(nproc)}"
LIMIT="${PEER_TIMEOUT:-1800}"
WORK="${TMPDIR:-/tmp}/steward-bench-code"
mkdir -p "$WORK"

cargo build --release -q -p steward
STEWARD="$PWD/${CARGO_TARGET_DIR:-target}/release/steward"

files=$(find "$TREE" -type f \( -name '*.py' -o -name '*.js' -o -name '*.ts' -o -name '*.tsx' -o -name '*.jsx' -o -name '*.mjs' -o -name '*.java' -o -name '*.php' \) | wc -l)
echo "tree: $TREE ($files Python/JS/TS/Java/PHP files), $RUNS runs each, $(nproc) cores, semgrep -j $JOBS"

# run NAME CMD...: median wall seconds and peak RSS (MB).
run() {
    local name="$1"; shift
    local times=() mem=0
    for _ in $(seq "$RUNS"); do
        local status=0
        /usr/bin/time -o "$WORK/time.out" -f "%e %M" timeout "$LIMIT" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || status=$?
        if [ "$status" -eq 124 ]; then
            printf '%s >%s -\n' "$name" "$LIMIT"
            return
        fi
        local out
        out=$(tail -1 "$WORK/time.out")
        times+=("${out% *}")
        local kb="${out#* }"
        [ "$kb" -gt "$mem" ] && mem="$kb"
    done
    printf '%s %s %s\n' "$name" "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')" "$((mem / 1024))"
}

steward_row=$(run steward "$STEWARD" scan --no-ledger -q --fail-on none --engines code --no-gitignore "$TREE")
echo "$steward_row"
steward_s=$(echo "$steward_row" | awk '{print $2}')
if command -v semgrep >/dev/null 2>&1; then
    semgrep_row=$(run semgrep semgrep scan --metrics=off --disable-version-check --no-git-ignore \
        --config bench/semgrep/taint-rules.yml -j "$JOBS" --quiet --json "$TREE")
    echo "$semgrep_row"
    semgrep_s=$(echo "$semgrep_row" | awk '{print $2}')
    awk -v a="$semgrep_s" -v b="$steward_s" 'BEGIN { if (b > 0) printf "ratio: semgrep / steward = %.1fx\n", a / b }'
else
    echo "semgrep not installed (python3 -m pip install semgrep): steward only"
fi
