# expect: CWE-90
from fastapi import FastAPI
app = FastAPI()
import ldap

@app.get("/a")
def handler(q: str):
    v = q
    conn = ldap.initialize("ldap://directory")
    q = "(uid=" + v + ")"
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)
