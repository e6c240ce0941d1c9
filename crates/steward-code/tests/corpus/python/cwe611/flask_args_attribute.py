# expect: CWE-611
from flask import Flask, request
app = Flask(__name__)
import xml.sax
from xml.dom import minidom


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    box = Box()
    box.item = v
    q = box.item
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
