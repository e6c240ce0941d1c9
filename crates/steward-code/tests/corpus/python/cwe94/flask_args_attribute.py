# expect: CWE-94
from flask import Flask, request
app = Flask(__name__)


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    box = Box()
    box.item = v
    q = "total(" + box.item + ")"
    result = eval(q)
    return str(result)
