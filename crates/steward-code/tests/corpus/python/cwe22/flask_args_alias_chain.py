# expect: CWE-22
from flask import Flask, request
app = Flask(__name__)
import os

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    a = v
    b = a
    q = "/srv/files/" + b
    with open(q) as f:
        return f.read()
