# expect: CWE-94
from flask import Flask, request
app = Flask(__name__)

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    d = {"k": v, "other": "x"}
    item = d["k"]
    q = "total(" + item + ")"
    result = eval(q)
    return str(result)
