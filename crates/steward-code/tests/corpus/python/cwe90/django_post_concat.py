# expect: CWE-90
from django.http import HttpResponse
import ldap

def handler(request):
    v = request.POST["q"]
    conn = ldap.initialize("ldap://directory")
    q = "(uid=" + v + ")"
    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, q)
    return str(found)
