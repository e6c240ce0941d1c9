#!/usr/bin/env bash
# CVSS v4.0 scores: steward's (crates/steward-deps/src/cvss.rs) against the Red Hat `cvss`
# Python package (pip install cvss), the reference implementation from the authors of FIRST's
# calculator, on every one of the 104,976 base vectors, 20,000 random vectors with threat and
# environmental metrics, and the v4 vectors of the advisories in ../shared/data/osv.
#
#   bash bench/cvss4_reference.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OSV="${OSV_DIR:-../shared/data/osv}"
WORK="${TMPDIR:-/tmp}/steward-cvss4"
rm -rf "$WORK" && mkdir -p "$WORK"
python3 -c 'import cvss' 2>/dev/null || { echo "pip install cvss"; exit 1; }

python3 - "$OSV" "$WORK/reference.tsv" <<'PY'
import itertools, json, random, sys, zipfile
from cvss import CVSS4
osv, out = sys.argv[1], sys.argv[2]
base = [("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"),
        ("VC", "HLN"), ("VI", "HLN"), ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"), ("SA", "HLN")]
extra = [("E", "XAPU"), ("CR", "XHML"), ("IR", "XHML"), ("AR", "XHML"), ("MAV", "XNALP"),
         ("MAC", "XLH"), ("MAT", "XNP"), ("MPR", "XNLH"), ("MUI", "XNPA"), ("MVC", "XHLN"),
         ("MVI", "XHLN"), ("MVA", "XHLN"), ("MSC", "XHLN"), ("MSI", "XSHLN"), ("MSA", "XSHLN")]
vectors = ["CVSS:4.0/" + "/".join(f"{k}:{v}" for (k, _), v in zip(base, combo))
           for combo in itertools.product(*[vals for _, vals in base])]
random.seed(7)
for _ in range(20000):
    v = "CVSS:4.0/" + "/".join(f"{k}:{random.choice(vals)}" for k, vals in base)
    v += "".join(f"/{k}:{random.choice(vals)}" for k, vals in extra if random.random() < 0.4)
    vectors.append(v)
advisories = set()
for name in ("Rust-crates-all.zip", "Go-all.zip", "PyPI-all.zip", "npm-all.zip"):
    with zipfile.ZipFile(f"{osv}/{name}") as z:
        for n in z.namelist():
            if n.endswith(".json"):
                for s in json.loads(z.read(n)).get("severity") or []:
                    if s.get("type") == "CVSS_V4":
                        advisories.add(s["score"])
vectors += sorted(advisories)
with open(out, "w") as f:
    for v in vectors:
        f.write(f"{v}\t{CVSS4(v).base_score:.1f}\n")
print(f"{len(vectors)} vectors ({len(advisories)} from advisories)")
PY
cut -f1 "$WORK/reference.tsv" | cargo run --release -q -p steward-deps --example cvss_score > "$WORK/steward.tsv"
python3 - "$WORK/reference.tsv" "$WORK/steward.tsv" <<'PY'
import sys
ref = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[1]))
ours = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[2]))
differ = [(v, ref[v], ours.get(v)) for v in ref if ours.get(v) != ref[v]]
print(f"steward and the reference agree on {len(ref) - len(differ)} of {len(ref)} vectors")
for v, r, o in differ[:20]:
    print(f"  {v}: reference {r}, steward {o}")
sys.exit(1 if differ else 0)
PY
