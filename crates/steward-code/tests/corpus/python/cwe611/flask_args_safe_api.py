# expect: safe CWE-611
from flask import Flask, request
app = Flask(__name__)
import xml.sax
from xml.dom import minidom
import defusedxml.minidom

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    doc = defusedxml.minidom.parseString(v)
    return doc.documentElement.tagName
