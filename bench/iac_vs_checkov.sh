#!/usr/bin/env bash
# steward's iac engine against Checkov on the same generated tree of IaC files
# (Dockerfiles, compose files, Kubernetes manifests, Terraform modules, CloudFormation
# templates; see bench/iac_tree.py). Prints each tool's wall and CPU time (user + system,
# which other processes on a shared machine inflate far less than wall time), the ratios,
# the load average, and each tool's number of failed checks. steward, whose runs are short
# and so noisier, is timed RUNS times (median); Checkov once.
# Usage: bench/iac_vs_checkov.sh [N_FILES]   (default 2000; needs `checkov` on PATH and a
# release build: cargo build --release -p steward; RUNS=3)
set -euo pipefail
n="${1:-2000}"
runs="${RUNS:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
tree="$(mktemp -d)"
out="$(mktemp -d)"
trap 'rm -rf "$tree" "$out"' EXIT
python3 "$here/iac_tree.py" "$tree" "$n"
steward="$here/../target/release/steward"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
  /usr/bin/time -a -o "$out/steward.time" -f "%e %U %S" \
    "$steward" scan "$tree" --engines iac --no-ledger -f json -o "$out/steward.json" \
    >/dev/null 2>&1 || true
done
BC_SKIP_MAPPING=TRUE /usr/bin/time -o "$out/checkov.time" -f "%e %U %S" \
  checkov -d "$tree" --quiet --compact --skip-download \
  --framework terraform,kubernetes,dockerfile,cloudformation -o json \
  >"$out/checkov.json" 2>/dev/null || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$n" "$out" <<'PY'
import json, os, statistics, sys
n, out = int(sys.argv[1]), sys.argv[2]

def times(name):
    rows = []
    with open(os.path.join(out, name + ".time")) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                try:
                    wall, user, sys_ = map(float, parts)
                except ValueError:
                    continue  # "Command exited with non-zero status" lines
                rows.append((wall, user + sys_))
    return statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)

sw, sc = times("steward")
cw, cc = times("checkov")
print(f"{n} IaC files: steward {sw:.2f}s wall {sc:.2f}s CPU, checkov {cw:.2f}s wall {cc:.2f}s CPU")
print(f"checkov/steward = {cw / sw:.1f}x wall, {cc / sc:.1f}x CPU")
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
