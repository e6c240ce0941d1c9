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
    parts = [v, "x"]
    parts[0] = "admin"
    item = parts[0]
    q = "total(" + item + ")"
    result = eval(q)
    return str(result)
