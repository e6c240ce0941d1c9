# expect: CWE-643
from flask import Flask, request
app = Flask(__name__)
from lxml import etree


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    tree = etree.parse("users.xml")
    box = Box()
    box.item = v
    q = "//user[@name='" + box.item + "']"
    found = tree.xpath(q)
    return str(found)
