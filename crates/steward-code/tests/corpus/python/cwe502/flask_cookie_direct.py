# expect: CWE-502
from flask import Flask, request
app = Flask(__name__)
import pickle
import base64

@app.route("/a")
def handler():
    v = request.cookies.get("pref")
    q = v
    obj = pickle.loads(q)
    return str(obj)
