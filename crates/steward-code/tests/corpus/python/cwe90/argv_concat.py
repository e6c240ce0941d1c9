# expect: CWE-90
import sys
import ldap

def handler():
    v = sys.argv[1]
    conn = ldap.initialize("ldap://directory")
    q = "(uid=" + v + ")"
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)
