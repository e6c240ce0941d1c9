# expect: CWE-89
import os
import sqlite3

def handler():
    v = os.environ["TARGET"]
    conn = sqlite3.connect("app.db")
    q = "SELECT * FROM users WHERE name = '" + v + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
