# expect: CWE-22
from flask import Flask, request
app = Flask(__name__)
import os


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    box = Box()
    box.item = v
    q = "/srv/files/" + box.item
    with open(q) as f:
        return f.read()
