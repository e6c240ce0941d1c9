# expect: safe CWE-643
from flask import Flask, request
app = Flask(__name__)
from lxml import etree


def clean(x):
    return int(x)

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    tree = etree.parse("users.xml")
    item = clean(v)
    q = "//user[@name='" + item + "']"
    found = tree.xpath(q)
    return str(found)
