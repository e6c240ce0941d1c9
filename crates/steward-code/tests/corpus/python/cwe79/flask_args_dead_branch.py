# expect: safe CWE-79
from flask import Flask, request
app = Flask(__name__)
from flask import make_response
from markupsafe import Markup

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    item = "admin"
    if False:
        item = v
    q = "<p>Hello " + item + "</p>"
    return make_response(q)
