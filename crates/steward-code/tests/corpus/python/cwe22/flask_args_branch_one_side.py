# expect: CWE-22
from flask import Flask, request
app = Flask(__name__)
import os

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    if len(v) > 3:
        item = v
    else:
        item = "short"
    q = "/srv/files/" + item
    with open(q) as f:
        return f.read()
