# expect: CWE-601
from flask import Flask, request
app = Flask(__name__)
from flask import redirect


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    box = Box()
    box.item = v
    q = box.item
    return redirect(q)
