# expect: safe CWE-918
from flask import Flask, request
app = Flask(__name__)
import requests
from urllib.parse import quote

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    resp = requests.get("https://api.example.com/items", params={"id": v}, timeout=5)
    return resp.text
