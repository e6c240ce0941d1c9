# expect: CWE-90
import ldap


def build(x):
    return "(uid=" + x + ")"

def handler():
    v = input("value: ")
    conn = ldap.initialize("ldap://directory")
    q = build(v)
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)
