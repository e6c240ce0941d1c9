#!/usr/bin/env python3
"""Labelled mixed text for the DLP benchmark (bench/dlp.sh).

Writes seeded, reproducible files of six kinds -- application logs, CSV exports, NDJSON
events, pretty-printed JSON, prose and Python-like code -- with sensitive values planted at
known places, and a sidecar labels file listing every planted value:

    OUT/<set>/<kind>-NNN.<ext>        the text (ASCII only, so byte and character columns agree)
    OUT/<set>.labels.tsv              file, line, start, end, class, truth, note, value
    OUT/<set>.json                    what was generated, with which seed and generator

`start`/`end` are 0-based character offsets in the (1-based) line. `truth` is `valid` for a
real value of `class` (card, ssn, iban, email, phone, ip) or `decoy` for a look-alike that is
not one (a card number failing Luhn, a digit run longer than any card, an SSN in a range the
SSA never issues, an IBAN with wrong check digits, `logo@2x.png`, a four-part version
number). Every other number in the text (timestamps, ids, amounts, hashes, big integers) is
background and is made so that it is no value of those classes either: a detection that
overlaps no `valid` label of its class is a false positive.

    python3 bench/dlp_corpus.py --out /var/cache/steward-bench/dlp --set corpus --mb 1024
    python3 bench/dlp_corpus.py --out /var/cache/steward-bench/dlp --set sample --mb 8 --seed 9
"""

import argparse
import hashlib
import json
import os
import random
import sys

KINDS = [
    ("log", "log"),
    ("csv", "csv"),
    ("ndjson", "ndjson"),
    ("json", "json"),
    ("prose", "txt"),
    ("code", "py"),
]

FIRST = (
    "james mary robert patricia john jennifer michael linda david elizabeth william barbara "
    "richard susan joseph jessica thomas sarah charles karen christopher lisa daniel nancy "
    "matthew betty anthony sandra mark ashley donald kimberly steven emily paul donna andrew "
    "michelle joshua carol kenneth amanda kevin melissa brian deborah george stephanie "
    "lucia mateo sofia valentina hugo chloe lukas emma noah mia"
).split()
LAST = (
    "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez "
    "lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson "
    "white harris sanchez clark ramirez lewis robinson walker young allen king wright scott "
    "torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell "
    "carter roberts muller schmidt fischer weber rossi bianchi dubois lefebvre"
).split()
DOMAINS = (
    "gmail.com outlook.com yahoo.com proton.me acme-corp.com northwind.io contoso.net "
    "fabrikam.org globex.co.uk initech.com umbrella.de hooli.xyz mail.example.org "
    "uni-heidelberg.de bigbank.fr"
).split()
WORDS = (
    "the a of and to in is was for on that with as by at from it this be are or an "
    "which have has had not but were all their been one would there when more can who "
    "will about if out up so what into its than them some could other time only new "
    "these may also then first any most over such after our two well year between "
    "customer order payment account invoice delivery team report quarter review "
    "contract service update request support product price policy office meeting "
    "schedule approval budget transfer refund shipment client address record system "
    "renewal balance statement manager region project release backlog incident"
).split()
SERVICES = "payments orders billing auth search gateway inventory notifier ledger export".split()
PATHS = (
    "/v1/charges /v1/refunds /api/orders /api/users/me /healthz /api/cart /v2/invoices "
    "/login /logout /api/search /static/app.js /api/export"
).split()
LEVELS = ["INFO"] * 8 + ["WARN", "DEBUG", "ERROR"]
STATUSES = "paid pending refunded failed shipped cancelled".split()
CURRENCIES = "EUR USD GBP ARS SGD CHF".split()
EVENTS = "checkout login logout page_view add_to_cart search refund signup".split()

# Real US area codes, so phone libraries that check numbering plans accept the numbers.
US_AREAS = [201, 206, 212, 213, 303, 305, 312, 404, 415, 469, 503, 512, 602, 617, 646, 702, 718, 773, 808, 917]

# (issuer, prefixes, length, groups when printed grouped)
CARD_TYPES = [
    ("visa", ["4"], 16, (4, 4, 4, 4)),
    ("visa", ["4"], 16, (4, 4, 4, 4)),
    ("visa", ["4"], 13, None),
    ("mastercard", ["51", "52", "53", "54", "55"], 16, (4, 4, 4, 4)),
    ("mastercard-2", [str(p) for p in range(2221, 2721)], 16, (4, 4, 4, 4)),
    ("amex", ["34", "37"], 15, (4, 6, 5)),
    ("discover", ["6011", "65"], 16, (4, 4, 4, 4)),
    ("jcb", [str(p) for p in range(3528, 3590)], 16, (4, 4, 4, 4)),
    ("diners", ["36", "38"], 14, (4, 6, 4)),
    ("unionpay", ["62"], 16, (4, 4, 4, 4)),
]
TEST_CARDS = {"4111111111111111", "4242424242424242", "4012888888881881", "4222222222222",
              "5555555555554444", "5105105105105100", "378282246310005", "371449635398431",
              "6011111111111117", "6011000990139424", "3530111333300000", "3566002020360505",
              "30569309025904", "38520000023237"}

# country, BBAN layout (n: digit, a: upper-case letter)
IBAN_LAYOUTS = [
    ("DE", "n" * 18),
    ("GB", "aaaa" + "n" * 14),
    ("FR", "n" * 23),
    ("NL", "aaaa" + "n" * 10),
    ("ES", "n" * 20),
    ("IT", "a" + "n" * 22),
    ("BE", "n" * 12),
    ("CH", "n" * 17),
]


def luhn_check_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = ord(ch) - 48
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(digits):
    return luhn_check_digit(digits[:-1]) == digits[-1]


def iban_check(country, bban):
    s = bban + country + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return "%02d" % (98 - n % 97)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    # -- background values: never a card, SSN, IBAN, email, phone or IP ---------------------

    def digits(self, n, first="123456789"):
        r = self.r
        return r.choice(first) + "".join(r.choice("0123456789") for _ in range(n - 1))

    def long_id(self, n):
        """A background digit run of n (13-19) digits that fails Luhn, so no card."""
        d = self.digits(n)
        if luhn_ok(d):
            d = d[:-1] + str((int(d[-1]) + 1) % 10)
        return d

    def ts(self):
        r = self.r
        return "2026-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
            r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59),
            r.randint(0, 59), r.randint(0, 999))

    def hexs(self, n):
        return "%0*x" % (n, self.r.getrandbits(4 * n))

    def amount(self):
        return "%d.%02d" % (self.r.randint(1, 4999), self.r.randint(0, 99))

    def name(self):
        return self.r.choice(FIRST).capitalize() + " " + self.r.choice(LAST).capitalize()

    def words(self, n):
        return " ".join(self.r.choice(WORDS) for _ in range(n))

    # -- planted values: (text, class, truth, note) ------------------------------------------

    def card(self):
        r = self.r
        issuer, prefixes, length, groups = r.choice(CARD_TYPES)
        while True:
            body = r.choice(prefixes)
            body += "".join(r.choice("0123456789") for _ in range(length - 1 - len(body)))
            num = body + luhn_check_digit(body)
            if num not in TEST_CARDS:
                break
        return num, issuer, groups

    def fmt_card(self, num, groups):
        r = self.r
        if groups is None or r.random() < 0.4:
            return num, "bare"
        sep = r.choice([" ", " ", "-"])
        parts, i = [], 0
        for g in groups:
            parts.append(num[i:i + g])
            i += g
        return sep.join(parts), "grouped"

    def plant_card(self):
        r = self.r
        num, issuer, groups = self.card()
        x = r.random()
        if x < 0.70:
            text, form = self.fmt_card(num, groups)
            return text, "card", "valid", issuer + "/" + form
        if x < 0.85:
            bad = num[:-1] + str((int(num[-1]) + r.randint(1, 9)) % 10)
            text, form = self.fmt_card(bad, groups)
            return text, "card", "decoy", "luhn-fails/" + form
        # A valid card's digits inside a longer run (a 20-24 digit reference).
        run = num + "".join(r.choice("0123456789") for _ in range(r.randint(20, 24) - len(num)))
        return run, "card", "decoy", "longer-digit-run"

    def ssn(self):
        r = self.r
        while True:
            area = r.randint(1, 899)
            if area != 666:
                break
        return "%03d" % area, "%02d" % r.randint(1, 99), "%04d" % r.randint(1, 9999)

    def plant_ssn(self):
        r = self.r
        a, g, s = self.ssn()
        x = r.random()
        if x < 0.75:
            if r.random() < 0.85:
                return "%s-%s-%s" % (a, g, s), "ssn", "valid", "dashed"
            return "%s %s %s" % (a, g, s), "ssn", "valid", "spaced"
        which = r.choice(["area-000", "area-666", "area-9xx", "group-00", "serial-0000"])
        if which == "area-000":
            a = "000"
        elif which == "area-666":
            a = "666"
        elif which == "area-9xx":
            a = str(r.randint(900, 999))
        elif which == "group-00":
            g = "00"
        else:
            s = "0000"
        return "%s-%s-%s" % (a, g, s), "ssn", "decoy", which

    def iban(self):
        r = self.r
        country, layout = r.choice(IBAN_LAYOUTS)
        bban = "".join(r.choice("0123456789") if c == "n" else r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for c in layout)
        return country, bban

    def plant_iban(self):
        r = self.r
        country, bban = self.iban()
        check = iban_check(country, bban)
        truth, note = "valid", country
        if r.random() < 0.2:
            check = "%02d" % ((int(check) + r.randint(1, 90)) % 97 + 2 if int(check) < 96 else 2)
            if check == iban_check(country, bban):
                check = "%02d" % (int(check) % 97 + 1)
            truth, note = "decoy", "mod97-fails"
        compact = country + check + bban
        if r.random() < 0.5:
            return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4)), "iban", truth, note + "/grouped"
        return compact, "iban", truth, note + "/compact"

    def email(self):
        r = self.r
        f, l = r.choice(FIRST), r.choice(LAST)
        local = r.choice([f + "." + l, f[0] + l, f + "_" + l, f + str(r.randint(1, 99)), l + "." + f[0]])
        return local + "@" + r.choice(DOMAINS)

    def plant_email(self):
        r = self.r
        if r.random() < 0.9:
            return self.email(), "email", "valid", "address"
        return r.choice(["logo", "icon", "banner", "avatar"]) + "@%dx.png" % r.randint(2, 3), "email", "decoy", "file-name"

    def plant_phone(self):
        r = self.r
        x = r.random()
        if x < 0.6:
            area = r.choice(US_AREAS)
            while True:
                exch = r.randint(200, 999)
                if exch % 100 != 11 and exch not in (555, 950, 958, 959, 976):
                    break
            line = r.randint(0, 9999)
            fmt = r.choice(["+1 %d %d %04d", "+1 (%d) %d-%04d", "+1-%d-%d-%04d", "+1%d%d%04d", "(%d) %d-%04d", "%d-%d-%04d"])
            return fmt % (area, exch, line), "phone", "valid", "us/" + ("e164" if fmt.startswith("+") else "national")
        if x < 0.8:
            return "+44 20 7%03d %04d" % (r.randint(100, 999), r.randint(0, 9999)), "phone", "valid", "uk/e164"
        return "+49 30 %d" % r.randint(2000000, 99999999), "phone", "valid", "de/e164"

    def plant_ip(self):
        r = self.r
        x = r.random()
        if x < 0.55:
            while True:
                a = r.randint(11, 223)
                if a not in (100, 127, 169, 172, 192, 198, 203):
                    break
            return "%d.%d.%d.%d" % (a, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)), "ip", "valid", "v4/public"
        if x < 0.8:
            if r.random() < 0.5:
                return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)), "ip", "valid", "v4/private"
            return "192.168.%d.%d" % (r.randint(0, 255), r.randint(1, 254)), "ip", "valid", "v4/private"
        if x < 0.9:
            return "2a01:4f8:%x:%x::%x" % (r.randint(1, 0xffff), r.randint(1, 0xffff), r.randint(1, 0xffff)), "ip", "valid", "v6/public"
        # A four-part version number is not an address.
        return "%d.%d.%d.%d" % (r.randint(1, 9), r.randint(0, 20), r.randint(0, 30), r.randint(1, 200)), "ip", "decoy", "version"

    PLANTERS = ("card", "card", "ssn", "iban", "email", "email", "phone", "ip")

    def plant(self, cls=None):
        cls = cls or self.r.choice(self.PLANTERS)
        return getattr(self, "plant_" + cls)()


# Keys and phrases a value may come after; None: no keyword (the value stands alone).
KEYS = {
    "card": ["card_number", "cc", "pan", "card", "payment_card", "ref", "value", None],
    "ssn": ["ssn", "social_security", "tax_id", "ssn", "id_number", None],
    "iban": ["iban", "account", "bank_account", "iban", "payee", None],
    "email": ["email", "contact", "user", "reply_to", None],
    "phone": ["phone", "tel", "mobile", "contact", "phone_number"],
    "ip": ["client_ip", "remote_addr", "ip", "src", "peer", None],
}
PHRASES = {
    "card": ["charged to card %s", "customer paid with %s", "credit card %s was declined", "pan %s on file", "reference %s"],
    "ssn": ["applicant SSN %s verified", "social security number %s", "tax id %s received", "id %s"],
    "iban": ["wire to IBAN %s", "refund sent to account %s", "bank details: %s", "payee %s"],
    "email": ["please contact %s", "sent to %s", "reply to %s before friday", "cc %s"],
    "phone": ["call me at %s", "phone %s", "tel: %s", "mobile %s after 6pm"],
    "ip": ["login from %s", "blocked address %s", "request from %s", "peer %s"],
}


class Writer:
    """Lines of one file, with the labels of what was planted in them."""

    def __init__(self, name, labels):
        self.name = name
        self.lines = []
        self.labels = labels
        self.size = 0

    def add(self, parts):
        """parts: strings and (text, class, truth, note) tuples, joined into one line."""
        out, col, lineno = [], 0, len(self.lines) + 1
        for p in parts:
            if isinstance(p, tuple):
                text, cls, truth, note = p
                self.labels.append("%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n" % (
                    self.name, lineno, col, col + len(text), cls, truth, note, text))
                p = text
            out.append(p)
            col += len(p)
        line = "".join(out)
        self.lines.append(line)
        self.size += len(line) + 1


def log_file(g, w, size, rate):
    while w.size < size:
        r = g.r
        svc = r.choice(SERVICES)
        parts = ["%s %-5s [%s-%d] %s.api request_id=%s method=%s path=%s status=%d took=%dms" % (
            g.ts(), r.choice(LEVELS), svc, r.randint(1, 16), svc, g.hexs(16),
            r.choice(["GET", "POST", "PUT"]), r.choice(PATHS), r.choice([200, 200, 201, 204, 302, 400, 404, 500]),
            r.randint(1, 2500))]
        if r.random() < 0.5:
            parts.append(" order=%s amount=%s %s" % (g.long_id(r.randint(13, 19)), g.amount(), r.choice(CURRENCIES)))
        if r.random() < 0.3:
            parts.append(" user_id=%d session=%s" % (r.randint(1000, 99999999), g.hexs(32)))
        while r.random() < rate:
            planted = g.plant()
            key = r.choice(KEYS[planted[1]])
            if key is None:
                parts += [' msg="', planted, " " + g.words(2) + '"']
            elif r.random() < 0.3:
                before, after = r.choice(PHRASES[planted[1]]).split("%s")
                parts += [' msg="' + before, planted, after + '"']
            else:
                parts += [" %s=" % key, planted]
        w.add(parts)


def csv_file(g, w, size, rate):
    w.add(["order_id,created_at,customer,amount,currency,status,reference,contact,note"])
    while w.size < size:
        r = g.r
        ref = g.long_id(r.randint(13, 19)) if r.random() < 0.5 else g.hexs(12)
        parts = ["%d,%s,%s,%s,%s,%s," % (r.randint(100000, 99999999), g.ts()[:19], g.name(), g.amount(),
                                        r.choice(CURRENCIES), r.choice(STATUSES))]
        # reference: an id, or a card or IBAN; contact: an email or phone; note: free text
        # that may quote any value.
        ref, contact, note = [ref], [], []
        if r.random() < rate * 3:
            planted = g.plant()
            if planted[1] in ("card", "iban"):
                ref = [planted]
            elif planted[1] in ("email", "phone"):
                contact = [planted]
            else:
                before, after = r.choice(PHRASES[planted[1]]).split("%s")
                note = ['"' + before, planted, after + '"']
        if not note and r.random() < 0.3:
            note = ['"' + g.words(r.randint(2, 6)) + '"']
        parts += ref + [","] + contact + [","] + note
        w.add(parts)


def ndjson_file(g, w, size, rate):
    while w.size < size:
        r = g.r
        parts = ['{"ts":"%s","event":"%s","user_id":%d,"session":"%s","amount":%s,"currency":"%s","items":%d,"order":"%s"' % (
            g.ts(), r.choice(EVENTS), r.randint(1000, 99999999), g.hexs(24), g.amount(), r.choice(CURRENCIES),
            r.randint(1, 9), g.long_id(r.randint(13, 19)))]
        while r.random() < rate * 2:
            planted = g.plant()
            key = r.choice([k for k in KEYS[planted[1]] if k] + ["note", "data"])
            parts += [',"%s":"' % key, planted, '"']
        parts.append("}")
        w.add(parts)


def json_file(g, w, size, rate):
    w.add(["["])
    first = True
    while w.size < size:
        r = g.r
        if not first:
            w.lines[-1] += ","
            w.size += 1
        first = False
        w.add(["  {"])
        w.add(['    "id": %d,' % r.randint(1, 10**9)])
        w.add(['    "name": "%s",' % g.name()])
        w.add(['    "created": "%s",' % g.ts()])
        w.add(['    "balance": %s,' % g.amount()])
        w.add(['    "account_ref": "%s",' % g.long_id(r.randint(13, 19))])
        while r.random() < rate * 6:
            planted = g.plant()
            key = r.choice([k for k in KEYS[planted[1]] if k] + ["note"])
            w.add(['    "%s": "' % key, planted, '",'])
        w.add(['    "tags": ["%s", "%s"]' % (r.choice(WORDS), r.choice(WORDS))])
        w.add(["  }"])
    w.add(["]"])


def prose_file(g, w, size, rate):
    while w.size < size:
        r = g.r
        parts = []
        for _ in range(r.randint(2, 5)):
            s = g.words(r.randint(6, 18))
            parts.append(s[0].upper() + s[1:])
            if r.random() < 0.15:
                parts.append(" in %d" % r.randint(1990, 2030))
            if r.random() < rate * 1.5:
                planted = g.plant()
                before, after = r.choice(PHRASES[planted[1]]).split("%s")
                parts += [", " + before, planted, after]
            parts.append(". ")
        w.add(parts)


CODE_LINES = [
    "def handle_{w}(self, request):",
    "    timeout = {n}",
    "    retries = {d}",
    "    url = \"https://api.{w}.example.com/v{d}/{w}\"",
    "    if response.status_code != {n}:",
    "        raise {W}Error(\"{w} failed\")",
    "    # TODO: {w} {w} {w}",
    "    return self.{w}(payload, limit={n})",
    "    MODULUS = {big}",
    "    cache_key = \"{h}\"",
    "class {W}Service:",
    "    logger.info(\"{w} took %s ms\", elapsed)",
    "",
]


def code_file(g, w, size, rate):
    while w.size < size:
        r = g.r
        tmpl = r.choice(CODE_LINES)
        line = tmpl.format(w=r.choice(WORDS), W=r.choice(WORDS).capitalize(), n=r.randint(1, 9999),
                           d=r.randint(1, 9), big=g.long_id(r.randint(13, 19)) if r.random() < 0.5 else g.digits(r.randint(20, 24)),
                           h=g.hexs(40))
        w.add([line])
        if r.random() < rate:
            planted = g.plant()
            key = r.choice([k for k in KEYS[planted[1]] if k]).upper()
            if r.random() < 0.5:
                w.add(["    %s = \"" % key, planted, "\""])
            else:
                w.add(["    fixture = {\"%s\": \"" % key.lower(), planted, "\", \"name\": \"%s\"}" % g.name()])


WRITERS = {"log": log_file, "csv": csv_file, "ndjson": ndjson_file, "json": json_file, "prose": prose_file, "code": code_file}


def generate(out, name, mb, seed, file_mb, rate):
    target = os.path.join(out, name)
    os.makedirs(target, exist_ok=True)
    total = mb * 1024 * 1024
    per_file = min(file_mb * 1024 * 1024, max(total // len(KINDS), 1))
    n_files = max(len(KINDS), -(-total // per_file))
    tmp_labels = os.path.join(out, name + ".labels.tsv.tmp")
    written = 0
    with open(tmp_labels, "w") as lf:
        lf.write("file\tline\tstart\tend\tclass\ttruth\tnote\tvalue\n")
        for i in range(n_files):
            kind, ext = KINDS[i % len(KINDS)]
            fname = "%s-%03d.%s" % (kind, i, ext)
            labels = []
            w = Writer(fname, labels)
            g = Gen("%d/%s/%d" % (seed, name, i))
            WRITERS[kind](g, w, min(per_file, total - written), rate)
            data = "\n".join(w.lines) + "\n"
            path = os.path.join(target, fname)
            with open(path + ".tmp", "w", encoding="ascii") as f:
                f.write(data)
            os.replace(path + ".tmp", path)
            lf.writelines(labels)
            written += len(data)
            print("  %s %.1f MiB, %d labels" % (fname, len(data) / 1048576, len(labels)), file=sys.stderr)
            if written >= total:
                break
    os.replace(tmp_labels, os.path.join(out, name + ".labels.tsv"))
    return written


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="cache directory (outside the repository)")
    ap.add_argument("--set", default="corpus", help="name of the file set (a directory under --out)")
    ap.add_argument("--mb", type=int, default=1024, help="MiB of text to write")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--file-mb", type=int, default=16, help="MiB per file")
    ap.add_argument("--rate", type=float, default=0.01, help="chance a record gets a planted value (per kind scaled)")
    a = ap.parse_args()
    if a.mb < 1 or a.file_mb < 1 or not 0 < a.rate < 0.5:
        ap.error("--mb and --file-mb must be at least 1, --rate between 0 and 0.5")
    with open(__file__, "rb") as f:
        generator = hashlib.sha256(f.read()).hexdigest()
    written = generate(a.out, a.set, a.mb, a.seed, a.file_mb, a.rate)
    meta = {"set": a.set, "mib": a.mb, "bytes": written, "seed": a.seed, "file_mb": a.file_mb, "rate": a.rate,
            "generator_sha256": generator}
    path = os.path.join(a.out, a.set + ".json")
    with open(path + ".tmp", "w") as f:
        json.dump(meta, f, indent=1)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
