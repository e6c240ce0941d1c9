# expect: CWE-918
from django.http import HttpResponse
import requests

def handler(request):
    v = request.GET.get("q")
    q = v
    resp = requests.get(q, timeout=5)
    return resp.text
