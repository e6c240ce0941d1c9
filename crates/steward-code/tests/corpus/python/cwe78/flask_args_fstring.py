# expect: CWE-78
from flask import Flask, request
app = Flask(__name__)
import os
import subprocess

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    q = f"ping -c 1 {v}"
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)
