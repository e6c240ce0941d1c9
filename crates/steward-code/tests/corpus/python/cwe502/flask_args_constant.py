# expect: safe CWE-502
from flask import Flask, request
app = Flask(__name__)
import pickle
import base64

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    item = "admin"
    q = item
    obj = pickle.loads(q)
    return str(obj)
