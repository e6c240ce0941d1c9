# expect: safe CWE-918
from flask import Flask, request
app = Flask(__name__)
import requests

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    parts = [v, "x"]
    parts[0] = "admin"
    item = parts[0]
    q = item
    resp = requests.get(q, timeout=5)
    return resp.text
