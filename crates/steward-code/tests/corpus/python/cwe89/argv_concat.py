# expect: CWE-89
import sys
import sqlite3

def handler():
    v = sys.argv[1]
    conn = sqlite3.connect("app.db")
    q = "SELECT * FROM users WHERE name = '" + v + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
