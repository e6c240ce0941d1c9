# expect: CWE-89
from flask import Flask, request
app = Flask(__name__)
import sqlite3


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = sqlite3.connect("app.db")
    box = Box()
    box.item = v
    q = "SELECT * FROM users WHERE name = '" + box.item + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
