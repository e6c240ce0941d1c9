# expect: CWE-79
from flask import Flask, request
app = Flask(__name__)
from flask import make_response
from markupsafe import Markup

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    item = ""
    for part in [v, "x"]:
        item = part
    q = "<p>Hello " + item + "</p>"
    return make_response(q)
