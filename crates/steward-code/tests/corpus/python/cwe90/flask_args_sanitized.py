# expect: safe CWE-90
from flask import Flask, request
app = Flask(__name__)
import ldap
from ldap.filter import escape_filter_chars

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = ldap.initialize("ldap://directory")
    item = escape_filter_chars(v)
    q = "(uid=" + item + ")"
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)
