# expect: CWE-90
from flask import Flask, request
app = Flask(__name__)
import ldap


class Box:
    pass

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = ldap.initialize("ldap://directory")
    box = Box()
    box.item = v
    q = "(uid=" + box.item + ")"
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)
