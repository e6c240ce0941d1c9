# expect: CWE-643
from lxml import etree


def build(x):
    return "//user[@name='" + x + "']"

def handler():
    v = input("value: ")
    tree = etree.parse("users.xml")
    q = build(v)
    found = tree.xpath(q)
    return str(found)
