# expect: CWE-89
import sqlite3
from flask import request


def handler():
    conn = sqlite3.connect("app.db")
    table, user = "accounts", request.args["user"]
    return conn.execute("SELECT * FROM " + table + " WHERE user = '" + user + "'").fetchall()
