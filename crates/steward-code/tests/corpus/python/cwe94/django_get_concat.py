# expect: CWE-94
from django.http import HttpResponse

def handler(request):
    v = request.GET.get("q")
    q = "total(" + v + ")"
    result = eval(q)
    return str(result)
