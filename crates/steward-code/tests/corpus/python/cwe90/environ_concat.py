# expect: CWE-90
import os
import ldap

def handler():
    v = os.environ["TARGET"]
    conn = ldap.initialize("ldap://directory")
    q = "(uid=" + v + ")"
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)
