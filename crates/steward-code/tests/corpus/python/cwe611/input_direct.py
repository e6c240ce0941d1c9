# expect: CWE-611
import xml.sax
from xml.dom import minidom

def handler():
    v = input("value: ")
    q = v
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
