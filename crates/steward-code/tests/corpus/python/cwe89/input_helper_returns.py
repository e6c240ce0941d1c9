# expect: CWE-89
import sqlite3


def build(x):
    return "SELECT * FROM users WHERE name = '" + x + "'"

def handler():
    v = input("value: ")
    conn = sqlite3.connect("app.db")
    q = build(v)
    rows = conn.execute(q).fetchall()
    return str(rows)
