# expect: CWE-94
from flask import Flask, request
app = Flask(__name__)

@app.route("/a")
def handler():
    v = request.cookies.get("pref")
    q = "total(" + v + ")"
    result = eval(q)
    return str(result)
