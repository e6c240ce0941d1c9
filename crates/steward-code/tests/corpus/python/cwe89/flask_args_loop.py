# expect: CWE-89
from flask import Flask, request
app = Flask(__name__)
import sqlite3

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = sqlite3.connect("app.db")
    item = ""
    for part in [v, "x"]:
        item = part
    q = "SELECT * FROM users WHERE name = '" + item + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
