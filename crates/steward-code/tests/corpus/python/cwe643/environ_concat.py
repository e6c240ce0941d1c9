# expect: CWE-643
import os
from lxml import etree

def handler():
    v = os.environ["TARGET"]
    tree = etree.parse("users.xml")
    q = "//user[@name='" + v + "']"
    found = tree.xpath(q)
    return str(found)
