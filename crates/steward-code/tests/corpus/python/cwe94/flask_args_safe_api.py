# expect: safe CWE-94
from flask import Flask, request
app = Flask(__name__)
import ast

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    result = ast.literal_eval(v)
    return str(result)
