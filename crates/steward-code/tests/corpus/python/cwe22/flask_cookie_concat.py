# expect: CWE-22
from flask import Flask, request
app = Flask(__name__)
import os

@app.route("/a")
def handler():
    v = request.cookies.get("pref")
    q = "/srv/files/" + v
    with open(q) as f:
        return f.read()
