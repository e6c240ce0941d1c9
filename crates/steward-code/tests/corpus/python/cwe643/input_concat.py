# expect: CWE-643
from lxml import etree

def handler():
    v = input("value: ")
    tree = etree.parse("users.xml")
    q = "//user[@name='" + v + "']"
    found = tree.xpath(q)
    return str(found)
