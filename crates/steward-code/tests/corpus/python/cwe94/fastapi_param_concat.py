# expect: CWE-94
from fastapi import FastAPI
app = FastAPI()

@app.get("/a")
def handler(q: str):
    v = q
    q = "total(" + v + ")"
    result = eval(q)
    return str(result)
