# expect: safe CWE-601
from flask import Flask, request
app = Flask(__name__)
from flask import redirect
from flask import url_for

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    item = url_for("profile", name=v)
    q = item
    return redirect(q)
