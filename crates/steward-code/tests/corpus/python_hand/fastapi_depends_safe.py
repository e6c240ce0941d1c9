# expect: safe CWE-89
import sqlite3
from fastapi import Depends, FastAPI

app = FastAPI()


def current_tenant():
    return "acme"


@app.get("/items")
def items(tenant: str = Depends(current_tenant)):
    conn = sqlite3.connect("app.db")
    return conn.execute("SELECT * FROM items_" + tenant).fetchall()
