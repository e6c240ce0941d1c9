# expect: CWE-918
from flask import Flask, request
app = Flask(__name__)
import requests

@app.route("/a/<q>")
def handler(q):
    v = q
    q = v
    resp = requests.get(q, timeout=5)
    return resp.text
