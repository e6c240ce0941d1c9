# expect: CWE-643
from flask import Flask, request
app = Flask(__name__)
from lxml import etree

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    tree = etree.parse("users.xml")
    q = "//user[@name='{}']".format(v)
    found = tree.xpath(q)
    return str(found)
