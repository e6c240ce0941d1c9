# expect: CWE-89
from flask import Flask, request
app = Flask(__name__)
import sqlite3

@app.route("/a", methods=["POST"])
def handler():
    v = request.get_json()["q"]
    conn = sqlite3.connect("app.db")
    q = "SELECT * FROM users WHERE name = '" + v + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
