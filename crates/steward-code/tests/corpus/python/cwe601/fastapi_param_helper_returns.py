# expect: CWE-601
from fastapi import FastAPI
app = FastAPI()
from flask import redirect


def build(x):
    return x

@app.get("/a")
def handler(q: str):
    v = q
    q = build(v)
    return redirect(q)
