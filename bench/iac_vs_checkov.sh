#!/usr/bin/env bash
# steward's iac engine against Checkov on the same generated tree of IaC files.
# Usage: bench/iac_vs_checkov.sh [N_FILES]   (default 2000; needs `checkov` on PATH and a
# release build: cargo build --release -p steward)
set -euo pipefail
n="${1:-2000}"
here="$(cd "$(dirname "$0")" && pwd)"
tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
python3 "$here/iac_tree.py" "$tree" "$n"
steward="$here/../target/release/steward"

t0=$(date +%s.%N)
"$steward" scan "$tree" --engines iac --no-ledger -f json >/dev/null || true
t1=$(date +%s.%N)
BC_SKIP_MAPPING=TRUE checkov -d "$tree" --quiet --compact --skip-download \
  --framework terraform,kubernetes,dockerfile -o json >/dev/null 2>&1 || true
t2=$(date +%s.%N)

python3 - "$t0" "$t1" "$t2" "$n" <<'PY'
import sys
t0, t1, t2, n = map(float, sys.argv[1:])
s, c = t1 - t0, t2 - t1
print(f"{int(n)} IaC files: steward {s:.2f}s, checkov {c:.2f}s, checkov/steward = {c / s:.1f}x")
PY
