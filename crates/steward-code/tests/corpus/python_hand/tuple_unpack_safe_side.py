# expect: safe CWE-89
import sqlite3
from flask import request


def handler():
    conn = sqlite3.connect("app.db")
    user, table = request.args["user"], "accounts"
    return conn.execute("SELECT * FROM " + table).fetchall()
