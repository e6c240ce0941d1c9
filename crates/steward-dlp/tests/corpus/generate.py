#!/usr/bin/env python3
"""Writes the labelled DLP corpus (positives.txt, lookalikes.txt). Every identifier is
generated with its check digits computed here, from a fixed seed: none is a real
person's. Line format: `<expected classes, comma-separated, or -> | <text>`."""
import random, os
random.seed(20261123)
R = random.Random(20261123)
D = '0123456789'
def rd(n): return ''.join(R.choice(D) for _ in range(n))
def luhn_ok(s):
    t = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2:
            d *= 2
            d -= 9 if d > 9 else 0
        t += d
    return t % 10 == 0
def luhn_complete(body): return next(body + str(c) for c in range(10) if luhn_ok(body + str(c)))
def card(prefix, length): return luhn_complete(prefix + rd(length - len(prefix) - 1))
def bad_card(prefix, length):
    c = card(prefix, length); return c[:-1] + str((int(c[-1]) + 3) % 10)
def group(c, sep=' '):
    if len(c) in (14, 15): return sep.join([c[:4], c[4:10], c[10:]])
    return sep.join(c[i:i+4] for i in range(0, len(c), 4))
def ssn():
    while True:
        a = R.randint(1, 899)
        if a != 666: return "%03d-%02d-%04d" % (a, R.randint(1, 99), R.randint(1, 9999))
def iban(cc, n_bban, letters=0):
    bban = ''.join(R.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(letters)) + rd(n_bban - letters)
    r = bban + cc + "00"; n = int(''.join(str(int(c, 36)) for c in r))
    return cc + "%02d" % (98 - n % 97) + bban
def nric(p):
    d = rd(7); s = sum(int(a) * b for a, b in zip(d, [2, 7, 6, 5, 4, 3, 2]))
    s += 4 if p in 'TG' else 3 if p == 'M' else 0
    t = {'S': "JZIHGFEDCBA", 'T': "JZIHGFEDCBA", 'F': "XWUTRQPNMLK", 'G': "XWUTRQPNMLK", 'M': "XWUTRQPNJLK"}[p]
    return p + d + t[s % 11]
def cuit(pfx):
    while True:
        d = pfx + "%08d" % R.randint(10000000, 45000000)
        c = 11 - sum(int(a) * b for a, b in zip(d, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11
        if c == 10: continue
        return d + str(0 if c == 11 else c)
L = "TRWAGMYFPDXBNJZSQVHLCKE"
def esdni(): n = R.randint(10000000, 99999999); return "%08d%s" % (n, L[n % 23])
def esnie():
    p = R.choice('XYZ'); n = R.randint(0, 9999999)
    return "%s%07d%s" % (p, n, L[("XYZ".index(p) * 10**7 + n) % 23])
ODD = [1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23]
def cf():
    A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    s = ''.join(R.choice(A) for _ in range(6)) + "%02d" % R.randint(0, 99) + R.choice("ABCDEHLMPRST") + "%02d" % R.randint(1, 71) + R.choice(A) + "%03d" % R.randint(1, 999)
    t = sum(ODD[int(c) if c.isdigit() else ord(c) - 65] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65) for i, c in enumerate(s))
    return s + chr(65 + t % 26)
def bsn():
    while True:
        d = rd(8); c = sum((9 - i) * int(x) for i, x in enumerate(d)) % 11
        if c != 10 and d[0] != '0': return d + str(c)
def dob_parts(): return R.randint(1940, 2005), R.randint(1, 12), R.randint(1, 28)
def be():
    y, m, dd = dob_parts(); b = "%02d%02d%02d%03d" % (y % 100, m, dd, R.randint(1, 997))
    c = 97 - int(b if y < 2000 else "2" + b) % 97
    return b + "%02d" % c
def pesel():
    y, m, dd = dob_parts(); mm = m + (20 if y >= 2000 else 0)
    d = "%02d%02d%02d%04d" % (y % 100, mm, dd, R.randint(0, 9999))
    return d + str((10 - sum(int(a) * b for a, b in zip(d, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3])) % 10) % 10)
def se():
    y, m, dd = dob_parts(); return luhn_complete("%02d%02d%02d%s" % (y % 100, m, dd, rd(3)))
T = "0123456789ABCDEFHJKLMNPRSTUVWXY"
def hetu():
    y, m, dd = dob_parts(); z = R.randint(2, 899); sign = 'A' if y >= 2000 else '-'
    n = int("%02d%02d%02d%03d" % (dd, m, y % 100, z))
    return "%02d%02d%02d%s%03d%s" % (dd, m, y % 100, sign, z, T[n % 31])
def nhs():
    while True:
        d = rd(9); c = 11 - sum(int(x) * (10 - i) for i, x in enumerate(d)) % 11
        if c != 10: return d + str(0 if c == 11 else c)
def nhs_fmt(n): return n[:3] + ' ' + n[3:6] + ' ' + n[6:]
def mbi():
    A = [c for c in 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' if c not in 'SLOIBZ']; N = list(D)
    pat = [N[1:], A, A + N, N, A, A + N, N, A, A, N, N]
    return ''.join(R.choice(p) for p in pat)
def name(): return R.choice(["Ana Pérez", "John Carter", "Mei Tan", "Lars Berg", "Giulia Rossi", "Jan de Vries", "Priya Nair"])
def email():
    u = R.choice(["jane.doe", "j.carter", "mei.tan88", "lars+billing", "g_rossi", "priya.n"])
    d = R.choice(["example.com", "mail.example.org", "corp.example.net", "example.co.uk"])
    return u + "@" + d

pos = []  # (labels, text)
def P(label, text): pos.append((label, text))
issuers = [('4', 16), ('51', 16), ('55', 16), ('2221', 16), ('2720', 16), ('34', 15), ('37', 15), ('6011', 16), ('65', 16), ('3530', 16), ('36', 14), ('62', 16), ('6759', 16), ('4', 19)]
for prefix, n in issuers:
    c = card(prefix, n)
    P('card-number', R.choice(["card: %s", "cc_number=%s", "Paid with visa %s", "charge card %s exp 09/28", "\"pan\": \"%s\""]) % c)
    P('card-number', "%s,%s,2028-11,approved" % (name(), group(c, R.choice(' -'))))
for t in ["4111111111111111", "5555 5555 5555 4444", "378282246310005", "4242-4242-4242-4242"]:
    P('card-number', "test card %s in sandbox" % t)
for _ in range(10):
    P('us-ssn', R.choice(["SSN: %s", "ssn=%s", "employee %s hired", "Social Security No. %s"]) % ssn())
P('us-ssn', "ssn %s" % ssn().replace('-', ''))
for cc, n, l in [('DE', 18, 0), ('GB', 18, 4), ('FR', 23, 0), ('ES', 20, 0), ('NL', 14, 4), ('IT', 23, 1), ('BE', 12, 0), ('AT', 16, 0)]:
    v = iban(cc, n, l)
    P('iban', "IBAN: %s" % v)
    P('iban', "transfer to %s (%s)" % (' '.join(v[i:i+4] for i in range(0, len(v), 4)), name()))
for _ in range(10):
    P('email', R.choice(["contact: %s", "From: %s", "{\"email\": \"%s\"}", "sent to %s yesterday", "%s,active,2023"]) % email())
for t in ["phone: +1 415 555 %04d", "call +44 20 7946 %04d", "tel: (212) 555-%04d", "mobile: 020 7946 %04d", "whatsapp +54 9 11 4321 %04d", "Teléfono: +34 612 345 %03d", "fax: 212-555-%04d", "+6591234%03d"]:
    P('phone', t % R.randint(100, 999))
for t in ["client 203.0.113.%d GET /login", "remote_addr=10.%d.4.2", "src=192.168.1.%d dst=8.8.8.8", "peer 2001:db8::%d connected", "from 172.16.0.%d port 443"]:
    P('ip-address', t % R.randint(1, 250))
for p in 'STFGM':
    P('sg-nric', R.choice(["NRIC: %s", "nric_no=%s", "FIN %s", "holder %s renewed"]) % nric(p))
P('sg-nric', "%s,%s,Singapore" % (name(), nric('S')))
for pfx in ['20', '23', '27', '30', '33', '20']:
    c = cuit(pfx)
    P('ar-cuit', R.choice(["CUIT: %s-%s-%s" % (c[:2], c[2:10], c[10]), "cuil %s" % c, "proveedor %s-%s-%s" % (c[:2], c[2:10], c[10])]))
for _ in range(5):
    n = R.randint(5000000, 45000000)
    P('ar-dni', R.choice(["DNI: {:,}".format(n).replace(',', '.'), "documento %d" % n, "D.N.I. %d" % n]))
for _ in range(5):
    P('es-dni', R.choice(["DNI: %s", "nif %s", "titular %s"]) % esdni())
for _ in range(4):
    P('es-nie', R.choice(["NIE: %s", "nie %s", "extranjero %s"]) % esnie())
for _ in range(5):
    P('it-codice-fiscale', R.choice(["Codice fiscale: %s", "cf=%s", "%s, Milano"]) % cf())
for _ in range(4):
    P('nl-bsn', R.choice(["BSN: %s", "burgerservicenummer %s"]) % bsn())
for _ in range(4):
    b = be(); P('be-national-number', R.choice(["Rijksregisternummer: %s.%s.%s-%s.%s" % (b[:2], b[2:4], b[4:6], b[6:9], b[9:]), "nrn %s" % b]))
for _ in range(4):
    P('pl-pesel', R.choice(["PESEL: %s", "pesel=%s"]) % pesel())
for _ in range(4):
    s = se(); P('se-personnummer', R.choice(["personnummer %s-%s" % (s[:6], s[6:]), "pnr %s" % s, "%s-%s Stockholm" % (s[:6], s[6:])]))
for _ in range(4):
    P('fi-hetu', R.choice(["HETU: %s", "henkilötunnus %s", "%s Helsinki"]) % hetu())
for _ in range(6):
    y, m, d = dob_parts()
    P('date-of-birth', R.choice(["DOB: %04d-%02d-%02d" % (y, m, d), "date of birth %02d/%02d/%04d" % (d, m, y), "born %02d/%02d/%04d" % (m, d, y), "Fecha de nacimiento: %02d.%02d.%04d" % (d, m, y), "\"birthDate\": \"%04d-%02d-%02d\"" % (y, m, d)]))
for _ in range(4):
    P('medical-record-number', R.choice(["MRN: %s" % rd(8), "medical record number A%s" % rd(7), "patient_id=%s" % rd(7)]))
for _ in range(4):
    P('us-mbi', R.choice(["MBI: %s", "medicare id %s", "beneficiary %s"]) % mbi())
for _ in range(4):
    P('uk-nhs-number', R.choice(["NHS number: %s" % nhs_fmt(nhs()), "nhs_number=%s" % nhs(), "NHS No. %s" % nhs_fmt(nhs())]))
# Several classes on one line, as in a CSV export or a log record.
for _ in range(8):
    c = card('4', 16)
    P('email,card-number', "%s,%s,%s" % (name(), email(), c))
    P('us-ssn,date-of-birth', "ssn=%s dob=%04d-%02d-%02d" % ((ssn(),) + dob_parts()))

neg = []
def N(text): neg.append(('-', text))
for _ in range(12):
    N(R.choice(["order id %s shipped", "Order #%s", "invoice number %s", "txn %s settled", "tracking %s"]) % rd(R.choice([13, 14, 15, 16, 19])))
for prefix, n in issuers:
    N(R.choice(["value %s", "card: %s", "id=%s", "%s"]) % bad_card(prefix, n))
for _ in range(10):
    h = ''.join(R.choice('0123456789abcdef') for _ in range(32))
    N("request %s-%s-%s-%s-%s done" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:]))
for _ in range(8):
    N("2024-%02d-%02dT%02d:%02d:%02d.%03dZ INFO worker started pid=%d" % (R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999), R.randint(100, 99999)))
    N("ts=%d level=info msg=\"flush\"" % R.randint(1600000000000, 1800000000000))
for _ in range(8):
    N(R.choice(["version %d.%d.%d.%d", "v%d.%d.%d.%d", "release %d.%d.%d.%d-rc1", "firmware %d.%d.%d.%d"]) % tuple(R.randint(0, 30) for _ in range(4)))
    N("semver %d.%d.%d" % tuple(R.randint(0, 30) for _ in range(3)))
for _ in range(8):
    N(R.choice(["id %s", "count %s", "sequence %s", "%s rows", "batch %s"]) % rd(R.choice([7, 8, 9, 10, 11])))
for isbn in ["978-3-16-148410-0", "978-0-306-40615-7", "9780306406157", "978-1-4028-9462-6", "ISBN 0-306-40615-2"]:
    N("isbn %s" % isbn)
for t in ["1Z999AA10123456784", "9400111899223344556677", "420941019400111899223344", "794612345678", "EZ1234567890US"]:
    N("tracking %s" % t)
    N("shipment %s out for delivery" % t)
for _ in range(6):
    N("commit %s" % ''.join(R.choice('0123456789abcdef') for _ in range(40)))
    N("price %d.%02d EUR, qty %d" % (R.randint(1, 9999), R.randint(0, 99), R.randint(1, 50)))
for bad in ["000-12-3456", "666-45-6789", "912-34-5678", "123-00-4567", "123-45-0000", "078-05-1120"]:
    N("SSN: %s" % bad)
for _ in range(6):
    N("created %04d-%02d-%02d by admin" % (R.randint(2000, 2026), R.randint(1, 12), R.randint(1, 28)))
    N("meeting on %02d/%02d/%04d at %02d:%02d" % (R.randint(1, 28), R.randint(1, 12), R.randint(2020, 2027), R.randint(8, 18), R.randint(0, 59)))
for t in ["logo@2x.png", "git@github.com:acme/app.git", "npm i @types/node", "user@localhost", "@mention in chat", "icon@3x.jpg"]:
    N(t)
for _ in range(6):
    N(R.choice(["id %s", "room %s", "extension %s"]) % ("%s-%s-%s" % (rd(3), rd(3), rd(4))))
    N("mac %s" % ':'.join('%02x' % R.randint(0, 255) for _ in range(6)))
for _ in range(5):
    N("latency %d ms, %d.%d%% cpu" % (R.randint(1, 900), R.randint(0, 99), R.randint(0, 9)))
    N("zip %s, po box %s" % (rd(5), rd(4)))
    N("sku %s-%s" % (''.join(R.choice('ABCDEFGHJK') for _ in range(3)), rd(8)))
N("NRIC: S1234567A")
N("IBAN: DE89370400440532013001")
N("CUIT: 20-12345678-0")
N("hash %s" % ''.join(R.choice('0123456789ABCDEF') for _ in range(64)))

here = os.path.dirname(os.path.abspath(__file__))
for fname, rows in [("positives.txt", pos), ("lookalikes.txt", neg)]:
    with open(os.path.join(here, fname), "w") as f:
        f.write("# Generated by generate.py: labels | text. Identifiers are synthetic, check digits computed.\n")
        for label, text in rows:
            f.write("%s | %s\n" % (label, text))
print(len(pos), "positives,", len(neg), "look-alikes")
