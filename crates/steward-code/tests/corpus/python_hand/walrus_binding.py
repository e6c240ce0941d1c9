# expect: CWE-89
import sqlite3
from flask import request


def search():
    conn = sqlite3.connect("app.db")
    if (term := request.args.get("term")):
        return conn.execute("SELECT * FROM items WHERE name LIKE '%" + term + "%'").fetchall()
    return []
