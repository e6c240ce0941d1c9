# expect: safe CWE-78
from flask import Flask, request
app = Flask(__name__)
import os
import subprocess

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    out = subprocess.check_output(["ping", "-c", "1", v])
    return str(out)
