# expect: safe CWE-78
from flask import Flask, request
app = Flask(__name__)
import os
import subprocess

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    box = Box()
    box.user = v
    box.role = "admin"
    item = box.role
    q = "ping -c 1 " + item
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)
