# expect: CWE-79
from flask import Flask, request
app = Flask(__name__)
from flask import make_response
from markupsafe import Markup

@app.route("/a")
def handler():
    v = request.headers.get("X-Item")
    q = "<p>Hello " + v + "</p>"
    return make_response(q)
