# expect: CWE-22
from flask import Flask, request
app = Flask(__name__)
import os

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    d = {"k": v, "other": "x"}
    item = d["k"]
    q = "/srv/files/" + item
    with open(q) as f:
        return f.read()
