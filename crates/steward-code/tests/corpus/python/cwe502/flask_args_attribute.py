# expect: CWE-502
from flask import Flask, request
app = Flask(__name__)
import pickle
import base64


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    box = Box()
    box.item = v
    q = box.item
    obj = pickle.loads(q)
    return str(obj)
