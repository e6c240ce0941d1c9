# expect: CWE-918
from flask import Flask, request
app = Flask(__name__)
import requests

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    q = "http://" + v + "/status"
    resp = requests.get(q, timeout=5)
    return resp.text
