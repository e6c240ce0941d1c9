# expect: CWE-502
from flask import Flask, request
app = Flask(__name__)
import pickle
import base64

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    if len(v) > 3:
        item = v
    else:
        item = "short"
    q = item
    obj = pickle.loads(q)
    return str(obj)
