# expect: CWE-89
import sqlite3
from flask import request


def handler():
    conn = sqlite3.connect("app.db")
    uid = request.args["id"]
    if request.args.get("strict"):
        uid = int(uid)
    return conn.execute("SELECT * FROM users WHERE id = %s" % uid).fetchall()
