# expect: safe CWE-643
from flask import Flask, request
app = Flask(__name__)
from lxml import etree

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    tree = etree.parse("users.xml")
    item = "admin"
    if DEBUG:
        item = v
    q = "//user[@name='" + item + "']"
    found = tree.xpath(q)
    return str(found)
