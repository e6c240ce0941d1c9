# expect: CWE-611
from django.http import HttpResponse
import xml.sax
from xml.dom import minidom

def handler(request):
    v = request.POST["q"]
    q = v
    doc = minidom.parseString(q)
    return doc.documentElement.tagName
