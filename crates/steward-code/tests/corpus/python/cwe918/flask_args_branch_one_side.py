# expect: CWE-918
from flask import Flask, request
app = Flask(__name__)
import requests

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    if len(v) > 3:
        item = v
    else:
        item = "short"
    q = item
    resp = requests.get(q, timeout=5)
    return resp.text
