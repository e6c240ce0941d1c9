# expect: CWE-78
from flask import Flask, request
app = Flask(__name__)
import os
import subprocess


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    box = Box()
    box.item = v
    q = "ping -c 1 " + box.item
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)
