# expect: CWE-89
import sqlite3
from flask import request


def handler():
    conn = sqlite3.connect("app.db")
    clause = "1=1"
    for key in request.args:
        clause += " AND " + key + " = 1"
    return conn.execute("SELECT * FROM t WHERE " + clause).fetchall()
