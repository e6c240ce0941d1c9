# expect: CWE-90
from flask import Flask, request
app = Flask(__name__)
import ldap

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = ldap.initialize("ldap://directory")
    a = v
    b = a
    q = "(uid=" + b + ")"
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)
