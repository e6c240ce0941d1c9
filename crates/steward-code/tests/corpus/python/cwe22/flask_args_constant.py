# expect: safe CWE-22
from flask import Flask, request
app = Flask(__name__)
import os

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    item = "admin"
    q = "/srv/files/" + item
    with open(q) as f:
        return f.read()
