# expect: CWE-89
import sqlite3


def run(q):
    conn = sqlite3.connect("app.db")
    rows = conn.execute(q).fetchall()
    return str(rows)

def handler():
    v = input("value: ")
    conn = sqlite3.connect("app.db")
    q = "SELECT * FROM users WHERE name = '" + v + "'"
    return run(q)
