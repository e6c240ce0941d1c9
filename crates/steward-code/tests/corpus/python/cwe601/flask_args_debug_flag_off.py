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
    item = "admin"
    if DEBUG:
        item = v
    q = item
    return redirect(q)
