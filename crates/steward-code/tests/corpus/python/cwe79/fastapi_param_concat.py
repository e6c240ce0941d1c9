# expect: CWE-79
from fastapi import FastAPI
app = FastAPI()
from flask import make_response
from markupsafe import Markup

@app.get("/a")
def handler(q: str):
    v = q
    q = "<p>Hello " + v + "</p>"
    return make_response(q)
