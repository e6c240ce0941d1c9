# expect: CWE-611
from fastapi import FastAPI
app = FastAPI()
import xml.sax
from xml.dom import minidom

@app.get("/a")
def handler(q: str):
    v = q
    q = v
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
