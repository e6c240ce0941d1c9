# expect: CWE-601
from flask import Flask, request
app = Flask(__name__)
from flask import redirect

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    parts = []
    parts.append(v)
    item = "".join(parts)
    q = item
    return redirect(q)
