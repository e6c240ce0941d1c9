# expect: safe CWE-22
from flask import Flask, request
app = Flask(__name__)
import os


def clean(x):
    return os.path.basename(x)

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    item = clean(v)
    q = "/srv/files/" + item
    with open(q) as f:
        return f.read()
