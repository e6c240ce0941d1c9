# expect: safe CWE-611
from flask import Flask, request
app = Flask(__name__)
import xml.sax
from xml.dom import minidom

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    parts = [v, "x"]
    parts[0] = "admin"
    item = parts[0]
    q = item
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
