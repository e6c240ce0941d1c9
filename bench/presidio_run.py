#!/usr/bin/env python3
"""Run Microsoft Presidio's analyzer over every file of a directory, offline, and write what
it found (one JSON line per result: file, line, start, end, class, entity, score) for
bench/dlp_score.py, and its timing (CPU and wall seconds spent in `analyze`) to stdout as JSON.

Presidio loads a spaCy model for its NLP engine; none can be downloaded here, so the engine is
built on `spacy.blank("en")` (a tokenizer and nothing else: no NER, no lemmas). The registry is
Presidio's own `load_predefined_recognizers`, so every pattern recognizer (credit card, US SSN,
IBAN, email, IP, phone via `phonenumbers`, ...) runs exactly as shipped; only the spaCy NER
recognizer finds nothing. tldextract, which the email recognizer calls, is pointed at its
bundled public-suffix snapshot instead of fetching the list.

By default `analyze` is asked only for the six entities the benchmark scores (fewer recognizers
run: the most favourable setting for Presidio); `--all-entities` runs every recognizer.
Text is analyzed in chunks of whole lines of about `--chunk-kb` KiB (Presidio's per-call
overhead is then small next to the matching).

    python3 bench/presidio_run.py DIR --out presidio.jsonl [--all-entities] [--chunk-kb 64]
"""

import argparse
import bisect
import json
import os
import sys
import time

ENTITIES = {
    "CREDIT_CARD": "card",
    "US_SSN": "ssn",
    "IBAN_CODE": "iban",
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "IP_ADDRESS": "ip",
}


def build_analyzer():
    import spacy
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    # No network: the suffix list bundled with tldextract, not a download.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class BlankSpacyNlpEngine(SpacyNlpEngine):
        """Presidio's spaCy engine over a blank English pipeline (no model download)."""

        def __init__(self):
            super().__init__(models=[{"lang_code": "en", "model_name": "blank:en"}])

        def load(self):
            self.nlp = {"en": spacy.blank("en")}

    nlp = BlankSpacyNlpEngine()
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(nlp_engine=nlp, languages=["en"])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])


def chunks(text, size):
    """(first line number, chunk) pieces of whole lines of about `size` characters."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    start, buf, n = 1, [], 0
    for i, line in enumerate(lines, 1):
        buf.append(line)
        n += len(line) + 1
        if n >= size:
            yield start, "\n".join(buf)
            start, buf, n = i + 1, [], 0
    if buf:
        yield start, "\n".join(buf)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--out", required=True, help="JSON lines of the results")
    ap.add_argument("--chunk-kb", type=int, default=64)
    ap.add_argument("--all-entities", action="store_true", help="run every recognizer, not only the scored six")
    a = ap.parse_args()
    if not os.path.isdir(a.dir):
        ap.error("%s is not a directory" % a.dir)
    try:
        load_start = time.perf_counter()
        analyzer = build_analyzer()
        load_s = time.perf_counter() - load_start
    except ImportError as e:
        print("presidio_run: %s; install it with: python3 -m pip install presidio-analyzer" % e, file=sys.stderr)
        sys.exit(2)
    entities = None if a.all_entities else list(ENTITIES)
    # One warm-up call so lazily compiled patterns are not charged to the first file.
    analyzer.analyze("warm up 4111 1111 1111 1111 a@b.com", language="en", entities=entities)

    total_bytes, results, cpu, wall = 0, 0, 0.0, 0.0
    tmp = a.out + ".tmp"
    with open(tmp, "w") as out:
        for name in sorted(os.listdir(a.dir)):
            path = os.path.join(a.dir, name)
            if not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            total_bytes += os.path.getsize(path)
            for first_line, chunk in chunks(text, a.chunk_kb * 1024):
                c0, w0 = time.process_time(), time.perf_counter()
                found = analyzer.analyze(chunk, language="en", entities=entities)
                cpu += time.process_time() - c0
                wall += time.perf_counter() - w0
                # Character offsets in the chunk -> (line, column) in the file.
                starts = [0]
                for i, ch in enumerate(chunk):
                    if ch == "\n":
                        starts.append(i + 1)
                for r in found:
                    k = bisect.bisect_right(starts, r.start) - 1
                    out.write(json.dumps({
                        "file": name,
                        "line": first_line + k,
                        "start": r.start - starts[k],
                        "end": r.end - starts[k],
                        "class": ENTITIES.get(r.entity_type, "other"),
                        "entity": r.entity_type,
                        "score": round(r.score, 3),
                    }) + "\n")
                    results += 1
    os.replace(tmp, a.out)
    from importlib.metadata import version

    print(json.dumps({
        "tool": "presidio-analyzer %s, spaCy %s (blank en)" % (version("presidio-analyzer"), version("spacy")),
        "bytes": total_bytes,
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "load_s": round(load_s, 3),
        "results": results,
        "entities": "all" if a.all_entities else ",".join(ENTITIES),
        "mb_per_cpu_s": round(total_bytes / 1e6 / cpu, 4) if cpu else None,
    }))


if __name__ == "__main__":
    main()
