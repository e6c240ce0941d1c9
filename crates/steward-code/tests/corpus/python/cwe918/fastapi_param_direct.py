# expect: CWE-918
from fastapi import FastAPI
app = FastAPI()
import requests

@app.get("/a")
def handler(q: str):
    v = q
    q = v
    resp = requests.get(q, timeout=5)
    return resp.text
