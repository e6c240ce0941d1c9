#!/usr/bin/env bash
# Secrets in one large file: generates a log and a SQL dump of SIZE_MB each (secrets in the
# middle and on the last line), scans each with steward streamed (the default: a file over
# --max-file-size is read through one window) and read whole, and prints CPU time, wall time,
# peak RSS and the findings' lines. The files are deleted at the end.
#
#   bash bench/secrets_large_file.sh                       # 500 MB each, builds release
#   SIZE_MB=100 STEWARD_BIN=/tmp/steward bash bench/secrets_large_file.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MB="${SIZE_MB:-500}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/steward-large.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [ -n "${STEWARD_BIN:-}" ]; then
  BIN="$WORK/steward"
  cp "$STEWARD_BIN" "$BIN"
else
  cargo build -q --release -p steward
  BIN="$WORK/steward"
  cp target/release/steward "$BIN"
fi
# A key of its own, so no key file is created in the scanned directories.
STEWARD_FINGERPRINT_KEY="$(openssl rand -hex 32)"
export STEWARD_FINGERPRINT_KEY

mkdir -p "$WORK/log" "$WORK/sql"
python3 - "$WORK" "$SIZE_MB" <<'EOF'
import random, sys
work, size = sys.argv[1], int(sys.argv[2]) * 1000 * 1000
random.seed(7)
alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

def write(path, header, row, middle, last):
    with open(path, "w") as f:
        f.write(header)
        written, n, chunk, placed = len(header), 0, [], False
        while written < size:
            line = row(n)
            chunk.append(line)
            written += len(line)
            n += 1
            if not placed and written >= size // 2:
                chunk.append(middle)
                placed = True
            if len(chunk) > 10000:
                f.write("".join(chunk))
                chunk = []
        f.write("".join(chunk))
        f.write(last)

write(f"{work}/log/app.log", "",
      lambda n: "2024-03-12T10:%02d:%02d.%03dZ INFO [req-%08x] GET /api/orders/%d?page=%d 200 %dms user=%d\n"
      % (n // 60 % 60, n % 60, n % 1000, random.getrandbits(32), n, n % 50, n % 900, n % 10007),
      '2024-03-12T10:00:00.000Z DEBUG config loaded: {"db_password": "Velvet#Morning7x", "key": "AKIAQWZRMNB4KD7HPXLT"}\n',
      "2024-03-12T23:59:59.999Z DEBUG env: AWS_ACCESS_KEY_ID=AKIAZ7Q3WXK5B2Y6N4PA\n")
write(f"{work}/sql/dump.sql",
      "CREATE TABLE users (id bigint, email text, password_hash text, api_token_id bigint);\n",
      lambda n: "INSERT INTO users (id, email, password_hash, api_token_id) VALUES (%d, 'user%d@example.org', '%s', %d);\n"
      % (n, n, "$2b$12$" + "".join(random.choice(alphabet) for _ in range(53)), n * 7),
      "INSERT INTO settings (name, value) VALUES ('smtp', '{\"password\": \"Harbor-Lights-9q\"}');\n",
      "-- restore with: psql postgres://restore:Copper-Kettle-31x@db.internal:5432/app\n")
EOF

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-8s %10s %10s %10s  %s\n' file how cpu_s wall_s peak_mb findings
for dir in log sql; do
  cat "$WORK/$dir"/* >/dev/null
  for how in streamed whole; do
    extra=()
    [ "$how" = whole ] && extra=(--max-file-size $((SIZE_MB * 2 * 1000 * 1000)))
    /usr/bin/time -f '%U %S %e %M' -o "$WORK/time" "$BIN" scan --no-ledger --fail-on none \
      --engines secrets "${extra[@]}" "$WORK/$dir" >"$WORK/out" 2>&1 || true
    read -r user sys wall rss <"$WORK/time"
    where=$(grep -oE '^[a-z.]+:[0-9]+:[0-9]+' "$WORK/out" | tr '\n' ' ')
    printf '%-8s %-8s %10.2f %10.2f %10d  %s\n' "$dir" "$how" "$(awk "BEGIN{print $user + $sys}")" \
      "$wall" $((rss / 1024)) "$where"
  done
done
