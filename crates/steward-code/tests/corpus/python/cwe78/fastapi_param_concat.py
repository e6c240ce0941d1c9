# expect: CWE-78
from fastapi import FastAPI
app = FastAPI()
import os
import subprocess

@app.get("/a")
def handler(q: str):
    v = q
    q = "ping -c 1 " + v
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)
