# expect: CWE-601
from flask import Flask, request
app = Flask(__name__)
from flask import redirect

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    if len(v) > 3:
        item = v
    else:
        item = "short"
    q = item
    return redirect(q)
