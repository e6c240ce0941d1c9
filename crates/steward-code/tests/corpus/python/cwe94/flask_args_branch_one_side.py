# expect: CWE-94
from flask import Flask, request
app = Flask(__name__)

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    if len(v) > 3:
        item = v
    else:
        item = "short"
    q = "total(" + item + ")"
    result = eval(q)
    return str(result)
