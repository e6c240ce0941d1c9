# expect: safe CWE-601
from flask import Flask, request
app = Flask(__name__)
from flask import redirect

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    q = "/profile/" + v
    return redirect(q)
