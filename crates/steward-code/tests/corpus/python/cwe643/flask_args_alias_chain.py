# expect: CWE-643
from flask import Flask, request
app = Flask(__name__)
from lxml import etree

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    tree = etree.parse("users.xml")
    a = v
    b = a
    q = "//user[@name='" + b + "']"
    found = tree.xpath(q)
    return str(found)
