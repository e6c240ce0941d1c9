# expect: CWE-78
from flask import Flask, request
app = Flask(__name__)
import os
import subprocess

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    d = {}
    d["k"] = v
    item = d.get("k")
    q = "ping -c 1 " + item
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)
