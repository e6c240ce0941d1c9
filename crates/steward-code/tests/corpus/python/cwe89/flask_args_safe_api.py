# expect: safe CWE-89
from flask import Flask, request
app = Flask(__name__)
import sqlite3

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM users WHERE name = ?", (v,)).fetchall()
    return str(rows)
