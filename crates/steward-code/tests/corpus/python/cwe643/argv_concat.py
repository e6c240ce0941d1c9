# expect: CWE-643
import sys
from lxml import etree

def handler():
    v = sys.argv[1]
    tree = etree.parse("users.xml")
    q = "//user[@name='" + v + "']"
    found = tree.xpath(q)
    return str(found)
