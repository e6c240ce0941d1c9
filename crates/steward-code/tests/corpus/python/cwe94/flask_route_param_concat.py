# expect: CWE-94
from flask import Flask, request
app = Flask(__name__)

@app.route("/a/<q>")
def handler(q):
    v = q
    q = "total(" + v + ")"
    result = eval(q)
    return str(result)
