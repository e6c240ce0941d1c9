# expect: safe CWE-89
from flask import Flask, request
app = Flask(__name__)
import sqlite3


def clean(x):
    return int(x)

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = sqlite3.connect("app.db")
    item = clean(v)
    q = "SELECT * FROM users WHERE name = '" + item + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
