# expect: safe CWE-79
from flask import Flask, request
app = Flask(__name__)
from flask import make_response
from markupsafe import Markup
from markupsafe import escape


def clean(x):
    return escape(x)

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    item = clean(v)
    q = "<p>Hello " + item + "</p>"
    return make_response(q)
