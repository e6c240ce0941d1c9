# expect: CWE-601
from flask import Flask, request
app = Flask(__name__)
from flask import redirect

@app.route("/a", methods=["POST"])
def handler():
    v = request.form["q"]
    q = v
    return redirect(q)
