# expect: CWE-89
import sqlite3
from fastapi import FastAPI

app = FastAPI()


@app.get("/items")
def items(category: str):
    conn = sqlite3.connect("app.db")
    return conn.execute(f"SELECT * FROM items WHERE category = '{category}'").fetchall()
