# expect: CWE-22
from flask import Flask, request
app = Flask(__name__)
import os

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    item = ""
    for part in [v, "x"]:
        item = part
    q = "/srv/files/" + item
    with open(q) as f:
        return f.read()
