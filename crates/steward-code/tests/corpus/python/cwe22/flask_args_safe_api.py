# expect: safe CWE-22
from flask import Flask, request
app = Flask(__name__)
import os
from flask import send_from_directory

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    return send_from_directory("/srv/files", v)
