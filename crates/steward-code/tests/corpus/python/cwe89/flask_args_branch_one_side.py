# expect: CWE-89
from flask import Flask, request
app = Flask(__name__)
import sqlite3

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = sqlite3.connect("app.db")
    if len(v) > 3:
        item = v
    else:
        item = "short"
    q = "SELECT * FROM users WHERE name = '" + item + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
