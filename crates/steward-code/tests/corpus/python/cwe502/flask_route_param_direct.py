# expect: CWE-502
from flask import Flask, request
app = Flask(__name__)
import pickle
import base64

@app.route("/a/<q>")
def handler(q):
    v = q
    q = v
    obj = pickle.loads(q)
    return str(obj)
