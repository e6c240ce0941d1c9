# expect: CWE-611
from flask import Flask, request
app = Flask(__name__)
import xml.sax
from xml.dom import minidom

@app.route("/a")
def handler():
    v = request.cookies.get("pref")
    q = v
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
