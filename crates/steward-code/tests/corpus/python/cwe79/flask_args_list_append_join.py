# expect: CWE-79
from flask import Flask, request
app = Flask(__name__)
from flask import make_response
from markupsafe import Markup

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    parts = []
    parts.append(v)
    item = "".join(parts)
    q = "<p>Hello " + item + "</p>"
    return make_response(q)
