# expect: safe CWE-601
from flask import Flask, request
app = Flask(__name__)
from flask import redirect

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    d = {"k": v, "fixed": "admin"}
    item = d["fixed"]
    q = item
    return redirect(q)
