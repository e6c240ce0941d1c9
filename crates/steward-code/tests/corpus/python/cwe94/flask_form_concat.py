# expect: CWE-94
from flask import Flask, request
app = Flask(__name__)

@app.route("/a", methods=["POST"])
def handler():
    v = request.form["q"]
    q = "total(" + v + ")"
    result = eval(q)
    return str(result)
