# expect: CWE-79
from flask import Flask, request
app = Flask(__name__)
from flask import make_response
from markupsafe import Markup

@app.route("/a/<q>")
def handler(q):
    v = q
    q = "<p>Hello " + v + "</p>"
    return make_response(q)
