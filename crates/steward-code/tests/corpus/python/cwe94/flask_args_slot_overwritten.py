# expect: safe CWE-94
from flask import Flask, request
app = Flask(__name__)

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    d = {"k": v}
    d["k"] = "admin"
    item = d["k"]
    q = "total(" + item + ")"
    result = eval(q)
    return str(result)
