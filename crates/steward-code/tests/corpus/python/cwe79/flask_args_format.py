# expect: CWE-79
from flask import Flask, request
app = Flask(__name__)
from flask import make_response
from markupsafe import Markup

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    q = "<p>Hello {}</p>".format(v)
    return make_response(q)
