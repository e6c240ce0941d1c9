# expect: CWE-611
import xml.sax
from xml.dom import minidom


def build(x):
    return x

def handler():
    v = input("value: ")
    q = build(v)
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
