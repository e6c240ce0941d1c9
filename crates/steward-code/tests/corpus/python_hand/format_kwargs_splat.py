# expect: CWE-89
import sqlite3
from flask import request


def handler():
    conn = sqlite3.connect("app.db")
    sql = "SELECT * FROM users WHERE name = '{name}'".format(**request.args)
    return conn.execute(sql).fetchall()
