# expect: CWE-643
from fastapi import FastAPI
app = FastAPI()
from lxml import etree

@app.get("/a")
def handler(q: str):
    v = q
    tree = etree.parse("users.xml")
    q = "//user[@name='" + v + "']"
    found = tree.xpath(q)
    return str(found)
