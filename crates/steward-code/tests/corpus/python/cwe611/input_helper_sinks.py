# expect: CWE-611
import xml.sax
from xml.dom import minidom


def run(q):
    doc = minidom.parseString(q)
    return doc.documentElement.tagName

def handler():
    v = input("value: ")
    q = v
    return run(q)
