# expect: CWE-22
from fastapi import FastAPI
app = FastAPI()
import os

@app.get("/a")
def handler(q: str):
    v = q
    q = "/srv/files/" + v
    with open(q) as f:
        return f.read()
