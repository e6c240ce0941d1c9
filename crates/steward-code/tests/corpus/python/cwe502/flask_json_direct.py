# expect: CWE-502
from flask import Flask, request
app = Flask(__name__)
import pickle
import base64

@app.route("/a", methods=["POST"])
def handler():
    v = request.get_json()["q"]
    q = v
    obj = pickle.loads(q)
    return str(obj)
