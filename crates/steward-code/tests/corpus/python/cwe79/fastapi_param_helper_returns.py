# expect: CWE-79
from fastapi import FastAPI
app = FastAPI()
from flask import make_response
from markupsafe import Markup


def build(x):
    return "<p>Hello " + x + "</p>"

@app.get("/a")
def handler(q: str):
    v = q
    q = build(v)
    return make_response(q)
