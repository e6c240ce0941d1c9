# expect: safe CWE-502
from flask import Flask, request
app = Flask(__name__)
import pickle
import base64
import json

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    obj = json.loads(v)
    return str(obj)
