# expect: CWE-79
from flask import Flask, request
app = Flask(__name__)
from flask import make_response
from markupsafe import Markup


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    box = Box()
    box.item = v
    q = "<p>Hello " + box.item + "</p>"
    return make_response(q)
