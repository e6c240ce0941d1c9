# expect: safe CWE-89
import sqlite3
from flask import request


def handler():
    conn = sqlite3.connect("app.db")
    page = request.args.get("page", 1, type=int)
    return conn.execute("SELECT * FROM posts LIMIT 10 OFFSET %d" % (page * 10)).fetchall()
