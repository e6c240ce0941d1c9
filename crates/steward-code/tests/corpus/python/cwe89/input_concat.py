# expect: CWE-89
import sqlite3

def handler():
    v = input("value: ")
    conn = sqlite3.connect("app.db")
    q = "SELECT * FROM users WHERE name = '" + v + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
