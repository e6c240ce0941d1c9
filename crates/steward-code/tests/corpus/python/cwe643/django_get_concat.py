# expect: CWE-643
from django.http import HttpResponse
from lxml import etree

def handler(request):
    v = request.GET.get("q")
    tree = etree.parse("users.xml")
    q = "//user[@name='" + v + "']"
    found = tree.xpath(q)
    return str(found)
