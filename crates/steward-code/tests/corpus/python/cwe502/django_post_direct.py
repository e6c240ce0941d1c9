# expect: CWE-502
from django.http import HttpResponse
import pickle
import base64

def handler(request):
    v = request.POST["q"]
    q = v
    obj = pickle.loads(q)
    return str(obj)
