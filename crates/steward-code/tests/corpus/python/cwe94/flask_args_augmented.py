# expect: CWE-94
from flask import Flask, request
app = Flask(__name__)

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    q = "total(" + v + ")"
    q += ""
    result = eval(q)
    return str(result)
