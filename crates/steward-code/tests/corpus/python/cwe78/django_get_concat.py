# expect: CWE-78
from django.http import HttpResponse
import os
import subprocess

def handler(request):
    v = request.GET.get("q")
    q = "ping -c 1 " + v
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)
