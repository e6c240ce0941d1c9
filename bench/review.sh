#!/usr/bin/env bash
# What `steward review` costs on a small change to a big tree, against scanning the whole
# tree: DIR is committed to a throw-away git repository, one commit then edits FILES files
# (a new SQL injection appended to each), and the script prints the median wall time and
# peak memory of `steward review main..topic` and of `steward scan` of the tree, and their
# ratio. Both with the secrets, code and IaC engines.
#
#   bash bench/review.sh DIR
#   FILES=5 RUNS=3 bash bench/review.sh "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
set -euo pipefail
cd "$(dirname "$0")/.."

TREE="${1:?usage: bench/review.sh DIR}"
RUNS="${RUNS:-3}"
FILES="${FILES:-3}"
WORK="${TMPDIR:-/tmp}/steward-bench-review"
rm -rf "$WORK"
mkdir -p "$WORK/repo"

cargo build --release -q -p steward
STEWARD="$PWD/${CARGO_TARGET_DIR:-target}/release/steward"
export STEWARD_FINGERPRINT_KEY="${STEWARD_FINGERPRINT_KEY:-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')}"

git_() { git -C "$WORK/repo" -c user.name=bench -c user.email=bench@example.com "$@"; }
cp -r "$TREE/." "$WORK/repo/"
git_ init -q -b main
git_ add -A
git_ commit -q -m base
git_ checkout -q -b topic
n=0
while IFS= read -r f; do
    printf '\n\ndef bench_lookup_%s():\n    from flask import request\n    import sqlite3\n    q = request.args.get("q")\n    return sqlite3.connect("a.db").execute("SELECT * FROM t WHERE n = %%s" %% q)\n' "$n" >> "$f"
    n=$((n + 1))
done < <(cd "$WORK/repo" && git ls-files '*.py' | head -n "$FILES" | sed "s|^|$WORK/repo/|")
git_ commit -q -am "$n files changed"
files=$(git_ ls-files | wc -l)
echo "tree: $TREE ($files files), $n changed, $RUNS runs each, $(nproc) cores"

# run NAME CMD...: median wall seconds and peak RSS (MB).
run() {
    local name="$1"; shift
    local times=() mem=0
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >/dev/null 2>&1 || true
        read -r t m < <(tail -n 1 "$WORK/time")
        times+=("$t")
        [ "$m" -gt "$mem" ] && mem=$m
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$name: ${median} s, ${mem} KB peak" >&2
    echo "$median"
}

engines=secrets,code,iac
review_s=$(cd "$WORK/repo" && run "steward review main..topic" "$STEWARD" review main..topic --engines "$engines" --no-ledger -q -f json)
scan_s=$(cd "$WORK/repo" && run "steward scan (whole tree)" "$STEWARD" scan . --engines "$engines" --no-ledger -q -f json)
awk -v r="$review_s" -v s="$scan_s" 'BEGIN { printf "review takes %.3f of a full scan'\''s time (%.1fx faster)\n", r / s, s / r }'
rm -rf "$WORK"
