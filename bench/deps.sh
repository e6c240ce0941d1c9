#!/usr/bin/env bash
# Dependency engine speed: building the advisory database from every export in
# ../shared/data/osv, and matching a tree of 2,000+ pinned packages against it, with
# cargo-audit (the reference for Cargo) side by side where it is installed; then agreement
# on PyPI and npm pins: pip-audit and npm audit where they answer, and reference matchers
# built on each ecosystem's own version library (bench/deps_reference.py) where they do not.
#
#   bash bench/deps.sh            # RUNS=3 by default
#   RUNS=5 bash bench/deps.sh
#
# Peers: cargo install cargo-audit (works offline with --db DIR --no-fetch --stale);
# pip install pip-audit packaging; npm (node) for npm audit and node-semver.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-3}"
OSV="${OSV_DIR:-../shared/data/osv}"
WORK="${STEWARD_BENCH_DIR:-${TMPDIR:-/tmp}/steward-bench-deps}"
rm -rf "$WORK" && mkdir -p "$WORK/tree"

cargo build --release -q -p steward
STEWARD="$PWD/${CARGO_TARGET_DIR:-target}/release/steward"
DB="$WORK/advisories.db"
SOURCES=()
for s in PyPI-all.zip Go-all.zip npm-all.zip Rust-crates-all.zip RubySec-ruby-advisory-db.tar.gz \
    FriendsOfPHP-security-advisories.tar.gz RustSec-advisory-db.tar.gz; do
    SOURCES+=(--source "$OSV/$s")
done

# median WALL_SECONDS... of a list
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
# time_runs CMD...: median wall seconds and peak RSS (MB) over RUNS runs
time_runs() {
    local times=() mem=0
    for _ in $(seq "$RUNS"); do
        local out
        /usr/bin/time -o "$WORK/time.out" -f "%e %M" "$@" >/dev/null 2>&1 || true
        out=$(tail -1 "$WORK/time.out")
        times+=("${out% *}")
        local m=$(( ${out#* } / 1024 ))
        [ "$m" -gt "$mem" ] && mem=$m
    done
    echo "$(median "${times[@]}") $mem"
}

echo "== db update from every export in $OSV ($RUNS runs, $(nproc) cores)"
read -r t m < <(time_runs sh -c "rm -f '$DB'; '$STEWARD' db update --db '$DB' ${SOURCES[*]}")
echo "steward db update: ${t} s, ${m} MB peak; $("$STEWARD" db status --db "$DB" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(s["advisories"] for s in d["sources"]), "advisories")')"

# A tree pinning every package the database knows in PyPI, crates.io and Go (at an old
# version, so most match), so matching does real work.
python3 - "$DB" "$WORK" <<'PY'
import sqlite3, sys, os
db, work = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
names = lambda eco: [r[0] for r in con.execute(
    "SELECT DISTINCT name FROM packages WHERE ecosystem = ? ORDER BY name", (eco,))]
# tree: old versions (most packages match something); tree-current: versions newer than
# any advisory (nothing matches, but every advisory of every package is still evaluated).
for tree, py, rs, go in ((f"{work}/tree", "1.0.0", "0.1.0", "v0.1.0"),
                         (f"{work}/tree-current", "999.0.0", "999.0.0", "v999.0.0")):
    os.makedirs(f"{tree}/py", exist_ok=True)
    with open(f"{tree}/py/requirements.txt", "w") as f:
        for n in names("PyPI"):
            f.write(f"{n}=={py}\n")
    os.makedirs(f"{tree}/rs", exist_ok=True)
    with open(f"{tree}/rs/Cargo.lock", "w") as f:
        f.write("version = 4\n\n[[package]]\nname = \"bench-app\"\nversion = \"0.1.0\"\n\n")
        for n in names("crates.io"):
            f.write(f"[[package]]\nname = \"{n}\"\nversion = \"{rs}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n")
    os.makedirs(f"{tree}/go", exist_ok=True)
    with open(f"{tree}/go/go.mod", "w") as f:
        f.write("module example.com/bench\n\ngo 1.22\n\nrequire (\n")
        for n in names("Go"):
            if n in ("stdlib", "toolchain") or " " in n:
                continue
            f.write(f"\t{n} {go}\n")
        f.write(")\n")
PY
pkgs=$(( $(wc -l < "$WORK/tree/py/requirements.txt") + $(grep -c '^\[\[package\]\]' "$WORK/tree/rs/Cargo.lock") - 1 + $(grep -c '^	' "$WORK/tree/go/go.mod") ))
echo
echo "== matching: $pkgs pinned packages (requirements.txt, Cargo.lock, go.mod)"
"$STEWARD" scan --db "$DB" --engines deps --no-ledger -f json --fail-on none "$WORK/tree" > "$WORK/steward.json"
read -r t m < <(time_runs "$STEWARD" scan --db "$DB" --engines deps --no-ledger -q --fail-on none "$WORK/tree")
echo "steward scan --engines deps, old pins: ${t} s, ${m} MB peak (whole run: start, walk, parse, match, report); $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]), "findings")' "$WORK/steward.json")"
read -r t m < <(time_runs "$STEWARD" scan --db "$DB" --engines deps --no-ledger -q --fail-on none "$WORK/tree-current")
echo "steward scan --engines deps, current pins (no match): ${t} s, ${m} MB peak"
echo "engine phases (old pins, then current pins):"
cargo run --release -q -p steward-deps --example match_bench -- "$DB" "$WORK/tree" | sed 's/^/  /'
cargo run --release -q -p steward-deps --example match_bench -- "$DB" "$WORK/tree-current" | sed 's/^/  /'

echo
echo "== PyPI and npm: the peers, and reference matchers where they cannot answer"
# Trees pinning every PyPI and npm package the advisories name at each of its range
# boundaries (bench/deps_reference.py gen), so version semantics are tested where they are
# hardest.
PEERS="$WORK/peers"
mkdir -p "$PEERS"
python3 bench/deps_reference.py gen "$OSV" "$PEERS/trees"
"$STEWARD" scan --db "$DB" --engines deps --no-ledger -f json --fail-on none "$PEERS/trees" > "$PEERS/steward.json"
if command -v pip-audit >/dev/null; then
    # 200 pins pip-audit can parse; it asks the package index for each.
    python3 - "$PEERS/trees/pypi-0/requirements.txt" "$PEERS/pip-audit.txt" <<'PY'
import sys
from packaging.requirements import Requirement
ok = []
for line in open(sys.argv[1]):
    try:
        Requirement(line.strip()); ok.append(line)
    except Exception:
        pass
open(sys.argv[2], "w").writelines(ok[:200])
PY
    start=$(date +%s.%N)
    pip-audit -r "$PEERS/pip-audit.txt" --no-deps --disable-pip --progress-spinner off -f json -o "$PEERS/pip-audit.json" 2>/dev/null || true
    end=$(date +%s.%N)
    python3 - "$PEERS/pip-audit.json" "$start" "$end" <<'PY'
import json, sys
deps = json.load(open(sys.argv[1]))["dependencies"]
skipped = [d for d in deps if "skip_reason" in d]
print(f"pip-audit: {len(deps)} pins in {float(sys.argv[3]) - float(sys.argv[2]):.1f} s; "
      f"{sum(len(d.get('vulns', [])) for d in deps)} vulnerabilities; {len(skipped)} not audited")
if skipped:
    print("  e.g.", skipped[0]["skip_reason"])
PY
else
    echo "(pip-audit not installed: pip install pip-audit)"
fi
if command -v npm >/dev/null; then
    (cd "$PEERS/trees/npm-0" && npm audit --json 2>&1 | grep -m1 -E '"(message|summary)"' | sed 's/^ */npm audit: /') || true
    if [ ! -d "$PEERS/node/node_modules/semver" ]; then
        npm install --prefix "$PEERS/node" --no-audit --no-fund -q semver@7 >/dev/null 2>&1 || true
    fi
fi
if [ -d "$PEERS/node/node_modules/semver" ]; then
    OSV_DIR="$OSV" python3 bench/deps_reference.py compare "$PEERS/trees" "$PEERS/steward.json" "$PEERS/node/node_modules"
else
    echo "(node and npm are needed for the npm reference matcher)"
fi

if command -v cargo-audit >/dev/null; then
    mkdir -p "$WORK/rustsec" && tar xzf "$OSV/RustSec-advisory-db.tar.gz" -C "$WORK/rustsec"
    # cargo-audit wants a git repository; give it one.
    (cd "$WORK/rustsec" && git init -q && git add -A && git -c user.name=b -c user.email=b@example.com commit -qm db)
    read -r t m < <(time_runs cargo audit --db "$WORK/rustsec" --no-fetch --stale -f "$WORK/tree/rs/Cargo.lock" --json)
    echo "cargo audit (Cargo.lock only, $(grep -c '^\[\[package\]\]' "$WORK/tree/rs/Cargo.lock") crates): ${t} s, ${m} MB peak"
    "$STEWARD" scan --db "$DB" --engines deps --no-ledger -q --fail-on none "$WORK/tree/rs" > /dev/null
    read -r t m < <(time_runs "$STEWARD" scan --db "$DB" --engines deps --no-ledger -q --fail-on none "$WORK/tree/rs")
    echo "steward, the same Cargo.lock: ${t} s, ${m} MB peak"
    echo
    echo "== agreement with cargo audit on that Cargo.lock"
    cargo audit --db "$WORK/rustsec" --no-fetch --stale -f "$WORK/tree/rs/Cargo.lock" --json > "$WORK/audit.json" 2>/dev/null || true
    python3 - "$WORK/audit.json" "$WORK/steward.json" <<'PY'
import json, sys
audit = json.load(open(sys.argv[1]))
ids_a = set()
for v in audit.get("vulnerabilities", {}).get("list", []):
    ids_a.add((v["package"]["name"], v["advisory"]["id"]))
for kind, items in (audit.get("warnings") or {}).items():
    for w in items:
        if w.get("advisory"):
            ids_a.add((w["package"]["name"], w["advisory"]["id"]))
st = json.load(open(sys.argv[2]))
ids_s = set()
for f in st["findings"]:
    p = f.get("properties", {})
    if p.get("ecosystem") == "crates.io":
        for a in p.get("advisories", []):
            ids_s.add((p["package"], a))
print(f"cargo audit: {len(ids_a)} (crate, advisory) pairs; steward: {len(ids_s)}; both: {len(ids_a & ids_s)}")
for x in sorted(ids_a - ids_s)[:20]:
    print("  only cargo audit:", *x)
for x in sorted(ids_s - ids_a)[:20]:
    print("  only steward:   ", *x)
PY
else
    echo "(cargo-audit not installed: cargo install cargo-audit)"
fi
