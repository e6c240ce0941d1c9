#!/usr/bin/env python3
"""Reference matchers for PyPI and npm, to check steward's matching where the peers cannot run.

pip-audit asks the package index (or the OSV service) which advisories cover each pin, and
npm audit asks the registry's bulk advisory endpoint: neither matches locally, and neither
service answers from this machine (see docs/BENCHMARKS.md). This script matches the same
advisories locally with each ecosystem's reference version library, the way those services
do:

- PyPI: `packaging` (PyPA's PEP 440 implementation, which pip uses) over the OSV records'
  `versions` lists and ECOSYSTEM ranges (`introduced`/`fixed`/`last_affected`/`limit`),
  withdrawn records left out.
- npm: node-semver (npm's own range library) `satisfies(version, vulnerable_versions)` on
  the advisories' original ranges, as npm audit evaluates them.

  deps_reference.py gen OSV_DIR OUT_DIR        # pinned trees at every range boundary
  deps_reference.py compare OUT_DIR STEWARD_JSON NODE_MODULES

`gen` writes OUT_DIR/pypi-N/requirements.txt and OUT_DIR/npm-N/package-lock.json, round N
pinning each package at its N-th boundary version (the versions advisories name), so matching
is tested where it is hardest. `compare` runs the reference matchers on those trees and
compares (package, version, advisory) triples with steward's JSON report.
"""

import json
import os
import re
import subprocess
import sys
import zipfile

from packaging.version import InvalidVersion, Version

ROUNDS = 8


def pep503(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def records(zip_path):
    with zipfile.ZipFile(zip_path) as z:
        for n in z.namelist():
            if n.endswith(".json"):
                yield json.loads(z.read(n))


def boundary_versions(affected):
    out = []
    for r in affected.get("ranges", []):
        if r.get("type") == "GIT":
            continue
        for e in r.get("events", []):
            for k in ("introduced", "fixed", "last_affected"):
                v = e.get(k)
                if v and v != "0":
                    out.append(v)
    vs = affected.get("versions") or []
    out.extend(vs[:1] + vs[-1:])
    return out


def gen(osv, out):
    pypi, npm = {}, {}
    for rec in records(os.path.join(osv, "PyPI-all.zip")):
        for a in rec.get("affected", []):
            name = a.get("package", {}).get("name")
            if name:
                pypi.setdefault(pep503(name), []).extend(boundary_versions(a))
    for rec in records(os.path.join(osv, "npm-all.zip")):
        for a in rec.get("affected", []):
            name = a.get("package", {}).get("name")
            if name:
                npm.setdefault(name, []).extend(boundary_versions(a))
    for k in range(ROUNDS):
        pins = {n: list(dict.fromkeys(vs)) for n, vs in pypi.items()}
        pins = {n: vs[k] for n, vs in pins.items() if len(vs) > k}
        if pins:
            os.makedirs(f"{out}/pypi-{k}", exist_ok=True)
            with open(f"{out}/pypi-{k}/requirements.txt", "w") as f:  # steward:ignore[code/python/path-traversal] a bench script: it reads and writes under the directory its operator names
                for n, v in sorted(pins.items()):
                    f.write(f"{n}=={v}\n")
        pins = {n: list(dict.fromkeys(vs)) for n, vs in npm.items()}
        pins = {n: vs[k] for n, vs in pins.items() if len(vs) > k}
        if pins:
            os.makedirs(f"{out}/npm-{k}", exist_ok=True)
            packages = {"": {"name": f"bench-{k}", "dependencies": {n: v for n, v in pins.items()}}}
            for n, v in sorted(pins.items()):
                packages[f"node_modules/{n}"] = {"version": v}
            lock = {"name": f"bench-{k}", "lockfileVersion": 3, "requires": True, "packages": packages}
            with open(f"{out}/npm-{k}/package-lock.json", "w") as f:  # steward:ignore[code/python/path-traversal] a bench script: it reads and writes under the directory its operator names
                json.dump(lock, f, indent=2)


def pypi_affected(version, affected):
    if version in (affected.get("versions") or []):
        return True
    try:
        v = Version(version)
    except InvalidVersion:
        return False
    for r in affected.get("ranges", []):
        if r.get("type") != "ECOSYSTEM":
            continue
        events = r.get("events", [])
        # OSV: sort the events by version, then walk them.
        def key(e):
            val = next(iter(e.values()))
            return Version("0") if val == "0" else Version(val)
        try:
            events = sorted(events, key=key)
        except InvalidVersion:
            continue
        inside = False
        for e in events:
            (kind, val), = e.items()
            ev = Version("0") if val == "0" else Version(val)
            if kind == "introduced" and v >= ev:
                inside = True
            elif kind == "fixed" and v >= ev:
                inside = False
            elif kind == "last_affected" and v > ev:
                inside = False
            elif kind == "limit" and v >= ev:
                inside = False
        if inside:
            return True
    return False


def compare(out, steward_json, node_modules):
    osv = os.environ.get("OSV_DIR", "../shared/data/osv")
    pins = []  # (eco, file, name, version)
    for d in sorted(os.listdir(out)):  # steward:ignore[code/python/path-traversal] a bench script: it reads and writes under the directory its operator names
        if d.startswith("pypi-"):
            for line in open(f"{out}/{d}/requirements.txt"):  # steward:ignore[code/python/path-traversal] a bench script: it reads and writes under the directory its operator names
                n, v = line.strip().split("==")
                pins.append(("PyPI", n, v))
        elif d.startswith("npm-"):
            lock = json.load(open(f"{out}/{d}/package-lock.json"))  # steward:ignore[code/python/path-traversal] a bench script: it reads and writes under the directory its operator names
            for k, p in lock["packages"].items():
                if k:
                    pins.append(("npm", k[len("node_modules/"):], p["version"]))
    ref = set()
    pypi = {}
    for rec in records(os.path.join(osv, "PyPI-all.zip")):
        if rec.get("withdrawn"):
            continue
        for a in rec.get("affected", []):
            pypi.setdefault(pep503(a["package"]["name"]), []).append((rec["id"], a))
    for eco, n, v in pins:
        if eco != "PyPI":
            continue
        for rid, a in pypi.get(n, []):
            if pypi_affected(v, a):
                ref.add(("PyPI", n, v, rid))
    # npm: node-semver on the advisories' own ranges.
    npm_pins = [(n, v) for eco, n, v in pins if eco == "npm"]
    advisories = []
    for rec in records(os.path.join(osv, "npm-all.zip")):
        if rec.get("withdrawn"):
            continue
        for a in rec.get("affected", []):
            rng = (a.get("database_specific") or {}).get("vulnerable_versions")
            if rng:
                advisories.append((rec["id"], a["package"]["name"], rng))
    script = """
const semver = require(process.argv[1] + '/semver');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = [];
for (const [id, name, range] of input.advisories) {
  for (const [n, v] of input.pins) {
    if (n === name && semver.valid(v) && semver.satisfies(v, range)) out.push([n, v, id]);
  }
}
console.log(JSON.stringify(out));
"""
    res = subprocess.run(
        ["node", "-e", script, node_modules],
        input=json.dumps({"advisories": advisories, "pins": npm_pins}),
        capture_output=True, text=True, check=True,
    )
    for n, v, rid in json.loads(res.stdout):
        ref.add(("npm", n, v, rid))

    st = set()
    for f in json.load(open(steward_json))["findings"]:  # steward:ignore[code/python/path-traversal] a bench script: it reads and writes under the directory its operator names
        p = f.get("properties", {})
        eco = p.get("ecosystem")
        if eco not in ("PyPI", "npm"):
            continue
        name = pep503(p["package"]) if eco == "PyPI" else p["package"]
        for rid in p.get("advisories", []):
            st.add((eco, name, p["version"], rid))
    for eco in ("PyPI", "npm"):
        r = {x for x in ref if x[0] == eco}
        s = {x for x in st if x[0] == eco}
        n_pins = sum(1 for p in pins if p[0] == eco)
        print(f"{eco}: {n_pins} pins at range boundaries; reference {len(r)} "
              f"(package, version, advisory) matches, steward {len(s)}, both {len(r & s)}")
        for x in sorted(r - s)[:40]:
            print("  only reference:", *x[1:])
        for x in sorted(s - r)[:40]:
            print("  only steward:  ", *x[1:])


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "gen":
        gen(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
