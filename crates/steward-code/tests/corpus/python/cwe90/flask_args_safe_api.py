# expect: safe CWE-90
from flask import Flask, request
app = Flask(__name__)
import ldap
from ldap.filter import escape_filter_chars

@app.route("/a")
def handler():
    v = request.args.get("q", "")
    conn = ldap.initialize("ldap://directory")
    conn = ldap.initialize("ldap://directory")
    flt = "(uid=%s)" % escape_filter_chars(v)
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)
    return str(found)
