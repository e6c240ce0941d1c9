# expect: CWE-611
from flask import Flask, request
app = Flask(__name__)
import xml.sax
from xml.dom import minidom

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    item = ""
    for part in [v, "x"]:
        item = part
    q = item
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
