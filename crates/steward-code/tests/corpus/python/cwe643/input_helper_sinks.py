# expect: CWE-643
from lxml import etree


def run(q):
    tree = etree.parse("users.xml")
    found = tree.xpath(q)
    return str(found)

def handler():
    v = input("value: ")
    tree = etree.parse("users.xml")
    q = "//user[@name='" + v + "']"
    return run(q)
