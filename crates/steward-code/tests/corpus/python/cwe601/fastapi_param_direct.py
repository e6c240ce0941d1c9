# expect: CWE-601
from fastapi import FastAPI
app = FastAPI()
from flask import redirect

@app.get("/a")
def handler(q: str):
    v = q
    q = v
    return redirect(q)
