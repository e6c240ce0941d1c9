#!/usr/bin/env bash
# Recall and false positives of steward's iac engine and of Checkov on the labelled set
# bench/iac_labelled/ (hand-written positives and safe twins per category of issue #6,
# labels in bench/iac_labelled/labels.json). Prints a markdown table per category.
# Usage: bench/iac_recall.sh [--details]   (needs `checkov` on PATH: pip install checkov;
# a steward build: cargo build -p steward, or --release; the newer build is used)
# Speed against Checkov on a generated tree: bench/iac_vs_checkov.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v checkov >/dev/null || { echo "checkov is not on PATH: pip install checkov" >&2; exit 2; }
checkov --version | sed 's/^/checkov /'
exec python3 "$here/iac_recall.py" "$@"
