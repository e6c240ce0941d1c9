# expect: CWE-601
from django.http import HttpResponse
from flask import redirect

def handler(request):
    v = request.POST["q"]
    q = v
    return redirect(q)
