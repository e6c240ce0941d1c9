#!/usr/bin/env bash
# DLP throughput and accuracy, side by side: `steward dlp` and Microsoft Presidio's analyzer
# on the same labelled mixed text (logs, CSV, NDJSON, JSON, prose, code; bench/dlp_corpus.py).
#
#   - steward over the whole corpus (1 GiB by default) and over the sample;
#   - Presidio (pattern recognizers, blank spaCy pipeline, offline; bench/presidio_run.py)
#     over the sample only (it is about four orders of magnitude slower);
#   - recall and precision of both on the sample, of steward on the corpus, for the classes
#     both cover (card, ssn, iban, email, phone, ip; bench/dlp_score.py).
#
# Throughput is MB (10^6 bytes) per second of CPU time (user + sys), the per-core figure that
# holds on a shared machine; wall time and peak RSS are printed beside it.
#
#   bash bench/dlp.sh                          # 1024 MiB corpus, 12 MiB sample
#   CORPUS_MB=256 SAMPLE_MB=6 bash bench/dlp.sh
#   STEWARD=./target/release/steward bash bench/dlp.sh   # an existing binary, no build
#   REPORT_ONLY=1 bash bench/dlp.sh                       # print the last run's tables again
#   PRESIDIO_REUSE=1 bash bench/dlp.sh                    # time steward again, keep Presidio's last run
#
# Generated text is cached in $STEWARD_BENCH_DIR/dlp (default /var/cache/steward-bench/dlp)
# and made again only when bench/dlp_corpus.py or the sizes change.
# Presidio: python3 -m pip install presidio-analyzer (no spaCy model needed). Without it the
# Presidio rows are skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS_MB="${CORPUS_MB:-1024}"
SAMPLE_MB="${SAMPLE_MB:-12}"
SEED="${SEED:-8}"
WORK="${STEWARD_BENCH_DIR:-/var/cache/steward-bench}/dlp"
OUT="$WORK/results"
mkdir -p "$WORK" "$OUT"

[ -x /usr/bin/time ] || { echo "bench/dlp.sh needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }

gen_sha=$(sha256sum bench/dlp_corpus.py | cut -d' ' -f1)
# generate SET MIB SEED: (re)write the set unless its metadata says it is already there.
generate() {
    local set="$1" mb="$2" seed="$3"
    if [ -f "$WORK/$set.json" ] && python3 - "$WORK/$set.json" "$mb" "$seed" "$gen_sha" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
ok = m["mib"] == int(sys.argv[2]) and m["seed"] == int(sys.argv[3]) and m["generator_sha256"] == sys.argv[4]
sys.exit(0 if ok else 1)
EOF
    then
        echo "$set: cached in $WORK/$set ($mb MiB)"
    else
        echo "$set: generating $mb MiB into $WORK/$set ..."
        rm -rf "${WORK:?}/$set" "$WORK/$set.json" "$WORK/$set.labels.tsv"
        python3 bench/dlp_corpus.py --out "$WORK" --set "$set" --mb "$mb" --seed "$seed" 2>/dev/null
    fi
}
generate corpus "$CORPUS_MB" "$SEED"
generate sample "$SAMPLE_MB" "$((SEED + 1))"

# STEWARD=path/to/steward to time a binary already built.
if [ -z "${STEWARD:-}" ] && [ -z "${REPORT_ONLY:-}" ]; then
    cargo build --release -q -p steward
    STEWARD="$PWD/${CARGO_TARGET_DIR:-target}/release/steward"
fi
if [ -n "${STEWARD:-}" ]; then "$STEWARD" --version; fi

# timed NAME BYTES CMD...: run once under /usr/bin/time -v, append "name bytes wall cpu rss_mb"
# to $OUT/times.txt.
timed() {
    local name="$1" bytes="$2"; shift 2
    /usr/bin/time -v -o "$OUT/$name.time" "$@"
    record_time "$name" "$bytes"
}
# record_time NAME BYTES: the line of times.txt for $OUT/NAME.time.
record_time() {
    python3 - "$OUT/$1.time" "$1" "$2" >> "$OUT/times.txt" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
def f(key):
    return re.search(re.escape(key) + r":\s*(\S+)", t).group(1)
wall = f("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall_s = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
cpu = float(f("User time (seconds)")) + float(f("System time (seconds)"))
print(sys.argv[2], sys.argv[3], "%.2f" % wall_s, "%.2f" % cpu, int(f("Maximum resident set size (kbytes)")) // 1024)
EOF
}
dir_bytes() { du -sb --apparent-size "$1" | cut -f1; }

if [ -z "${REPORT_ONLY:-}" ]; then
: > "$OUT/times.txt"
corpus_bytes=$(dir_bytes "$WORK/corpus")
sample_bytes=$(dir_bytes "$WORK/sample")
echo "corpus: $corpus_bytes bytes in $(ls "$WORK/corpus" | wc -l) files; sample: $sample_bytes bytes; $(nproc) cores"
# Read the corpus once so both runs start from the page cache.
cat "$WORK"/corpus/* > /dev/null

echo "steward dlp over the corpus ..."
timed steward-corpus "$corpus_bytes" "$STEWARD" dlp "$WORK/corpus" -f json -o "$OUT/steward-corpus.json" --no-ledger --fail-on none
echo "steward dlp over the sample ..."
timed steward-sample "$sample_bytes" "$STEWARD" dlp "$WORK/sample" -f json -o "$OUT/steward-sample.json" --no-ledger --fail-on none

echo "steward's classifier alone over the sample (one thread, in memory) ..."
cargo build --release -q -p steward-dlp --example throughput
"${CARGO_TARGET_DIR:-target}/release/examples/throughput" --dir "$WORK/sample" | tee "$OUT/steward-inprocess.txt"

presidio=""
if [ -n "${PRESIDIO_REUSE:-}" ] && [ -f "$OUT/presidio-sample.jsonl" ] && [ -f "$OUT/presidio-sample.time" ]; then
    echo "presidio: reusing the last run's results in $OUT (PRESIDIO_REUSE is set)"
    record_time presidio-sample "$sample_bytes"
    presidio=1
elif python3 -c "import presidio_analyzer, spacy" 2>/dev/null; then
    echo "presidio over the sample ..."
    timed presidio-sample "$sample_bytes" python3 bench/presidio_run.py "$WORK/sample" --out "$OUT/presidio-sample.jsonl" > "$OUT/presidio-sample.summary.json"
    presidio=1
else
    echo "(presidio-analyzer is not installed: python3 -m pip install presidio-analyzer; its rows are skipped)"
fi

score() { python3 bench/dlp_score.py "$@" 2>/dev/null; }
{
    score "$WORK/corpus.labels.tsv" --steward "$OUT/steward-corpus.json" --name "steward, corpus"
    score "$WORK/sample.labels.tsv" --steward "$OUT/steward-sample.json" --name "steward, sample"
    score "$WORK/sample.labels.tsv" --steward "$OUT/steward-sample.json" --min-confidence medium --name "steward >= medium, sample"
    if [ -n "$presidio" ]; then
        score "$WORK/sample.labels.tsv" --presidio "$OUT/presidio-sample.jsonl" --name "presidio, sample"
        score "$WORK/sample.labels.tsv" --presidio "$OUT/presidio-sample.jsonl" --min-score 0.5 --name "presidio >= 0.5, sample"
    fi
} > "$OUT/scores.jsonl"

fi

python3 - "$OUT" <<'EOF'
import json, os, sys
out = sys.argv[1]
rows = [l.split() for l in open(os.path.join(out, "times.txt"))]
print()
print("%-16s %10s %9s %9s %14s %9s" % ("run", "MB", "wall s", "CPU s", "MB/s per core", "peak MB"))
rate = {}
for name, size, wall, cpu, rss in rows:
    mb, cpu_s = int(size) / 1e6, float(cpu)
    rate[name] = mb / cpu_s
    print("%-16s %10.1f %9s %9s %14.2f %9s" % (name, mb, wall, cpu, rate[name], rss))
summary = os.path.join(out, "presidio-sample.summary.json")
if os.path.exists(summary) and "presidio-sample" in rate:
    p = json.load(open(summary))
    analyze = p["bytes"] / 1e6 / p["cpu_s"]
    print("%-16s %10.1f %9s %9.2f %14.4f %9s   (%s; CPU inside analyze() only, model load %.1f s excluded)"
          % ("presidio-analyze", p["bytes"] / 1e6, "%.2f" % p["wall_s"], p["cpu_s"], analyze, "-", p["tool"], p["load_s"]))
    print()
    import re
    m = re.search(r"([0-9.]+) MB/s on one thread", open(os.path.join(out, "steward-inprocess.txt")).read())
    print("throughput ratios (steward / presidio):")
    print("  same sample, whole processes (CPU time, start-up included):   %6.0fx" % (rate["steward-sample"] / rate["presidio-sample"]))
    if m:
        print("  same sample, engines only (steward's classifier, one thread,")
        print("    wall; Presidio's analyze() CPU time):                        %6.0fx" % (float(m.group(1)) / analyze))
    print("  steward dlp over the corpus vs presidio analyze() on the sample: %6.0fx" % (rate["steward-corpus"] / analyze))
print()
cols = ["card", "ssn", "iban", "email", "phone", "ip", "all"]
print("%-26s " % "recall / precision" + " ".join("%13s" % c for c in cols))
by_tool = {}
for line in open(os.path.join(out, "scores.jsonl")):
    r = json.loads(line)
    by_tool.setdefault(r["tool"], {})[r["class"]] = r
for tool, rs in by_tool.items():
    cells = []
    for c in cols:
        r = rs[c]
        cells.append("%13s" % ("%.3f / %.3f" % (r["recall"] or 0, r["precision"] or 0)))
    print("%-26s " % tool + " ".join(cells))
print()
print("planted decoys flagged:")
for tool, rs in by_tool.items():
    print("  %-26s %s (of %d)" % (tool, ", ".join("%s %d" % (c, rs[c]["decoys_flagged"]) for c in cols[:-1]), rs["all"]["decoys"]))
print()
print("valid values missed, by how they were written:")
for tool, rs in by_tool.items():
    print("  %-26s %s" % (tool, "; ".join("%s: %s" % (c, ", ".join("%s %d" % kv for kv in sorted(rs[c]["missed"].items()))) for c in cols[:-1] if rs[c]["missed"]) or "none"))
EOF
echo
echo "details: $OUT (reports, timings, scores.jsonl)"
