# expect: CWE-22
from django.http import HttpResponse
import os

def handler(request):
    v = request.GET.get("q")
    q = "/srv/files/" + v
    with open(q) as f:
        return f.read()
