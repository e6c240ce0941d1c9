#!/usr/bin/env bash
# steward's iac engine against Checkov on the same generated tree of IaC files
# (Dockerfiles, compose files, Kubernetes manifests, Terraform modules, CloudFormation
# templates; see bench/iac_tree.py). Prints both wall times, the ratio, and each tool's
# number of failed checks.
# Usage: bench/iac_vs_checkov.sh [N_FILES]   (default 2000; needs `checkov` on PATH and a
# release build: cargo build --release -p steward)
set -euo pipefail
n="${1:-2000}"
here="$(cd "$(dirname "$0")" && pwd)"
tree="$(mktemp -d)"
out="$(mktemp -d)"
trap 'rm -rf "$tree" "$out"' EXIT
python3 "$here/iac_tree.py" "$tree" "$n"
steward="$here/../target/release/steward"

t0=$(date +%s.%N)
"$steward" scan "$tree" --engines iac --no-ledger -f json >"$out/steward.json" || true
t1=$(date +%s.%N)
BC_SKIP_MAPPING=TRUE checkov -d "$tree" --quiet --compact --skip-download \
  --framework terraform,kubernetes,dockerfile,cloudformation -o json \
  >"$out/checkov.json" 2>/dev/null || true
t2=$(date +%s.%N)

python3 - "$t0" "$t1" "$t2" "$n" "$out" <<'PY'
import json, os, sys
t0, t1, t2, n = map(float, sys.argv[1:5])
out = sys.argv[5]
s, c = t1 - t0, t2 - t1
print(f"{int(n)} IaC files: steward {s:.2f}s, checkov {c:.2f}s, checkov/steward = {c / s:.1f}x")
try:
    with open(os.path.join(out, "steward.json")) as f:
        found = json.load(f).get("findings", [])
    print(f"steward findings: {len(found)}")
except (OSError, ValueError) as e:
    print(f"steward findings: unreadable ({e})")
try:
    with open(os.path.join(out, "checkov.json")) as f:
        reports = json.load(f)
    reports = reports if isinstance(reports, list) else [reports]
    by = {r.get("check_type"): r.get("summary", {}).get("failed", 0) for r in reports}
    print(f"checkov failed checks: {sum(by.values())} {by}")
except (OSError, ValueError) as e:
    print(f"checkov failed checks: unreadable ({e})")
PY
