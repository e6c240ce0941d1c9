# expect: CWE-611
import os
import xml.sax
from xml.dom import minidom

def handler():
    v = os.environ["TARGET"]
    q = v
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
