# expect: CWE-89
from fastapi import FastAPI
app = FastAPI()
import sqlite3

@app.get("/a")
def handler(q: str):
    v = q
    conn = sqlite3.connect("app.db")
    q = "SELECT * FROM users WHERE name = '" + v + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
