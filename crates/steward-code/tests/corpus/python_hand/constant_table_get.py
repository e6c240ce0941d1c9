# expect: safe CWE-89
import sqlite3
from flask import request

ORDERS = {"name": "name ASC", "date": "created DESC"}


def handler():
    conn = sqlite3.connect("app.db")
    order = ORDERS.get(request.args.get("sort"), "name ASC")
    return conn.execute("SELECT * FROM items ORDER BY " + order).fetchall()
