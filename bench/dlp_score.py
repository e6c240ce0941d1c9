#!/usr/bin/env python3
"""Score DLP detections against the labels bench/dlp_corpus.py planted.

Detections come from `steward dlp DIR -f json` (a report; `--steward`) or from
bench/presidio_run.py (JSON lines; `--presidio`). Only the classes both tools cover are
scored: card, ssn, iban, email, phone, ip. A detection is a true positive when it overlaps,
on the same line of the same file, a `valid` label of its class; any other detection of a
scored class is a false positive (those landing on a planted decoy are counted apart too).
Recall is the share of valid labels some detection of their class overlaps.

    python3 bench/dlp_score.py LABELS.tsv --steward report.json [--min-confidence medium]
    python3 bench/dlp_score.py LABELS.tsv --presidio presidio.jsonl [--min-score 0.5]

Prints a table to stderr and one JSON object per class (plus `all`) to stdout.
"""

import argparse
import csv
import json
import sys
from collections import defaultdict

CLASSES = ["card", "ssn", "iban", "email", "phone", "ip"]
STEWARD_RULES = {
    "dlp/card-number": "card",
    "dlp/us-ssn": "ssn",
    "dlp/iban": "iban",
    "dlp/email": "email",
    "dlp/phone": "phone",
    "dlp/ip-address": "ip",
}
CONFIDENCE = {"low": 0, "medium": 1, "high": 2}


def load_labels(path):
    labels = defaultdict(list)
    with open(path, newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            labels[(row["file"], int(row["line"]))].append(
                {"start": int(row["start"]), "end": int(row["end"]), "class": row["class"],
                 "truth": row["truth"], "note": row["note"], "found": False})
    return labels


def steward_detections(path, min_confidence):
    with open(path) as f:
        report = json.load(f)
    floor = CONFIDENCE[min_confidence]
    for finding in report.get("findings", []):
        cls = STEWARD_RULES.get(finding.get("rule_id"))
        if cls is None or CONFIDENCE.get(finding.get("confidence"), 0) < floor:
            continue
        loc = finding["location"]
        yield loc["path"], loc["start_line"], loc["start_column"] - 1, loc["end_column"] - 1, cls


def presidio_detections(path, min_score):
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            if d["class"] in CLASSES and d["score"] >= min_score:
                yield d["file"], d["line"], d["start"], d["end"], d["class"]


def score(labels, detections):
    tp = defaultdict(int)
    fp = defaultdict(int)
    decoys_hit = defaultdict(int)
    for file, line, start, end, cls in detections:
        hit = False
        for lab in labels.get((file, line), ()):
            if lab["class"] != cls or lab["start"] >= end or start >= lab["end"]:
                continue
            if lab["truth"] == "valid":
                lab["found"] = True
                hit = True
            else:
                decoys_hit[cls] += 1
        if hit:
            tp[cls] += 1
        else:
            fp[cls] += 1
    valid = defaultdict(int)
    found = defaultdict(int)
    decoys = defaultdict(int)
    missed_notes = defaultdict(lambda: defaultdict(int))
    for labs in labels.values():
        for lab in labs:
            if lab["truth"] == "valid":
                valid[lab["class"]] += 1
                if lab["found"]:
                    found[lab["class"]] += 1
                else:
                    missed_notes[lab["class"]][lab["note"]] += 1
            else:
                decoys[lab["class"]] += 1
    rows = []
    for cls in CLASSES + ["all"]:
        keys = CLASSES if cls == "all" else [cls]
        v = sum(valid[k] for k in keys)
        f = sum(found[k] for k in keys)
        t = sum(tp[k] for k in keys)
        p = sum(fp[k] for k in keys)
        rows.append({
            "class": cls,
            "valid": v,
            "found": f,
            "recall": round(f / v, 4) if v else None,
            "detections": t + p,
            "false_positives": p,
            "precision": round(t / (t + p), 4) if t + p else None,
            "decoys": sum(decoys[k] for k in keys),
            "decoys_flagged": sum(decoys_hit[k] for k in keys),
            "missed": {} if cls == "all" else dict(missed_notes[cls]),
        })
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("labels")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--steward", help="steward dlp -f json report")
    src.add_argument("--presidio", help="bench/presidio_run.py JSON lines")
    ap.add_argument("--min-confidence", choices=list(CONFIDENCE), default="low")
    ap.add_argument("--min-score", type=float, default=0.0)
    ap.add_argument("--name", default=None, help="label for the table")
    a = ap.parse_args()
    labels = load_labels(a.labels)
    if a.steward:
        dets = steward_detections(a.steward, a.min_confidence)
        name = a.name or "steward (confidence >= %s)" % a.min_confidence
    else:
        dets = presidio_detections(a.presidio, a.min_score)
        name = a.name or "presidio (score >= %g)" % a.min_score
    rows = score(labels, dets)
    print(name, file=sys.stderr)
    print("  %-6s %7s %7s %8s %9s %6s %10s %8s" % ("class", "valid", "found", "recall", "precision", "FP", "decoys", "flagged"),
          file=sys.stderr)
    for r in rows:
        print("  %-6s %7d %7d %8s %9s %6d %10d %8d" % (
            r["class"], r["valid"], r["found"],
            "-" if r["recall"] is None else "%.3f" % r["recall"],
            "-" if r["precision"] is None else "%.3f" % r["precision"],
            r["false_positives"], r["decoys"], r["decoys_flagged"]), file=sys.stderr)
    for r in rows:
        r["tool"] = name
        print(json.dumps(r))


if __name__ == "__main__":
    main()
