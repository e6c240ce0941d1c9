# expect: CWE-502
from fastapi import FastAPI
app = FastAPI()
import pickle
import base64

@app.get("/a")
def handler(q: str):
    v = q
    q = v
    obj = pickle.loads(q)
    return str(obj)
