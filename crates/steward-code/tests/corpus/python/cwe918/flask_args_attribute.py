# expect: CWE-918
from flask import Flask, request
app = Flask(__name__)
import requests


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    box = Box()
    box.item = v
    q = box.item
    resp = requests.get(q, timeout=5)
    return resp.text
