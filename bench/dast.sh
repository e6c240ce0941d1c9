#!/usr/bin/env bash
# steward dast and wapiti against the deliberately vulnerable test application
# (crates/steward-web/src/testapp.rs), each on a freshly started copy of it: wall time,
# requests, and what each reports (rule or category, path, parameter).
#
#   bench/dast.sh                 # port 8088, results in target/bench-dast/
#   PORT=9000 bench/dast.sh
#
# Needs wapiti (`apt-get install -y wapiti`); without it, only steward runs. Everything
# listens on and talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8088}"
URL="http://127.0.0.1:${PORT}/"
OUT="${OUT:-target/bench-dast}"
mkdir -p "$OUT"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"

echo "== building steward and the test application (release)"
cargo build --release -q -p steward
cargo build --release -q -p steward-web --features testapp --example testapp
STEWARD="$TARGET_DIR/release/steward"
TESTAPP="$TARGET_DIR/release/examples/testapp"

APP_PID=""
stop_app() {
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
  fi
}
trap stop_app EXIT

# A fresh application for each tool: the guestbook keeps what the previous scan posted.
start_app() {
  stop_app
  "$TESTAPP" --port "$PORT" >"$OUT/testapp.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 50); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$URL" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "the test application did not start on $URL" >&2
  exit 1
}

now() { date +%s.%N; }

echo "== steward dast --active $URL"
start_app
t0=$(now)
"$STEWARD" dast "$URL" --active --rate 0 --concurrency 8 --max-requests 5000 \
  --no-ledger --fail-on none -f json -o "$OUT/steward.json" 2>"$OUT/steward.log"
t1=$(now)
steward_s=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
tail -n 1 "$OUT/steward.log"

wapiti_s=""
if command -v wapiti >/dev/null; then
  echo "== wapiti -u $URL (default modules)"
  start_app
  t0=$(now)
  # --flush-session: no memory of an earlier run; the report is JSON for the summary.
  wapiti -u "$URL" --flush-session --max-scan-time 900 -f json -o "$OUT/wapiti.json" \
    >"$OUT/wapiti.log" 2>&1 || true
  t1=$(now)
  wapiti_s=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
else
  echo "== wapiti is not installed (apt-get install -y wapiti): steward only"
fi
stop_app

python3 - "$OUT" "$steward_s" "$wapiti_s" <<'EOF'
import json, os, sys
from collections import defaultdict
from urllib.parse import urlsplit

out, steward_s, wapiti_s = sys.argv[1], sys.argv[2], sys.argv[3]

def path(u):
    return urlsplit(u).path or "/"

steward = json.load(open(os.path.join(out, "steward.json")))
rows = defaultdict(set)
for f in steward["findings"]:
    props = f.get("properties", {})
    rows[f["rule_id"]].add((path(f["location"]["path"]), props.get("parameter", "")))
print(f"\nsteward: {steward_s} s, {len(steward['findings'])} findings")
for rule in sorted(rows):
    where = ", ".join(f"{p}" + (f" ({q})" if q else "") for p, q in sorted(rows[rule]))
    print(f"  {rule:36} {len(rows[rule]):3}  {where}")

if wapiti_s:
    report = os.path.join(out, "wapiti.json")
    if not os.path.exists(report):
        print(f"\nwapiti: {wapiti_s} s, no report (see {out}/wapiti.log)")
    else:
        w = json.load(open(report))
        total = 0
        print(f"\nwapiti: {wapiti_s} s")
        for section in ("vulnerabilities", "anomalies"):
            for category, items in sorted(w.get(section, {}).items()):
                if not items:
                    continue
                total += len(items)
                where = sorted({(i.get("path", "/"), i.get("parameter", "") or "") for i in items})
                shown = ", ".join(p + (f" ({q})" if q else "") for p, q in where)
                print(f"  {category[:36]:36} {len(items):3}  {shown}")
        print(f"  ({total} findings)")
        s, ws = float(steward_s), float(wapiti_s)
        if s > 0:
            print(f"\nwapiti time / steward time: {ws / s:.1f}x")
EOF
