# expect: CWE-90
import ldap


def run(q):
    conn = ldap.initialize("ldap://directory")
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)

def handler():
    v = input("value: ")
    conn = ldap.initialize("ldap://directory")
    q = "(uid=" + v + ")"
    return run(q)
