# expect: safe CWE-643
from flask import Flask, request
app = Flask(__name__)
from lxml import etree

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    tree = etree.parse("users.xml")
    tree = etree.parse("users.xml")
    found = tree.xpath("//user[@name=$name]", name=v)
    return str(found)
