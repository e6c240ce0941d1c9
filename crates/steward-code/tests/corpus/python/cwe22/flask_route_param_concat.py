# expect: CWE-22
from flask import Flask, request
app = Flask(__name__)
import os

@app.route("/a/<q>")
def handler(q):
    v = q
    q = "/srv/files/" + v
    with open(q) as f:
        return f.read()
