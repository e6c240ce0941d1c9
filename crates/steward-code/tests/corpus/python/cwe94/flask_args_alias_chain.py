# expect: CWE-94
from flask import Flask, request
app = Flask(__name__)

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    a = v
    b = a
    q = "total(" + b + ")"
    result = eval(q)
    return str(result)
