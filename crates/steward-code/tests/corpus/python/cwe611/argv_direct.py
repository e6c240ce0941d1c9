# expect: CWE-611
import sys
import xml.sax
from xml.dom import minidom

def handler():
    v = sys.argv[1]
    q = v
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
