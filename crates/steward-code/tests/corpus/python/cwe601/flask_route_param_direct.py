# expect: CWE-601
from flask import Flask, request
app = Flask(__name__)
from flask import redirect

@app.route("/a/<q>")
def handler(q):
    v = q
    q = v
    return redirect(q)
