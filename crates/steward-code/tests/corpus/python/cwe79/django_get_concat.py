# expect: CWE-79
from django.http import HttpResponse
from flask import make_response
from markupsafe import Markup

def handler(request):
    v = request.GET.get("q")
    q = "<p>Hello " + v + "</p>"
    return make_response(q)
