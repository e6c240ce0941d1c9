# expect: safe CWE-90
from flask import Flask, request
app = Flask(__name__)
import ldap

DEBUG = False


class Box:
    pass


def label(x):
    return "user"

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = ldap.initialize("ldap://directory")
    item = v
    item = "admin"
    q = "(uid=" + item + ")"
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)
