# expect: safe CWE-79
from flask import Flask, request
app = Flask(__name__)
from flask import make_response
from markupsafe import Markup
from flask import render_template

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    return render_template("hello.html", name=v)
