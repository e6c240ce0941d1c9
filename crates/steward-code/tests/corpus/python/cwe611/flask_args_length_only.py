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
    item = str(len(v))
    q = item
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
