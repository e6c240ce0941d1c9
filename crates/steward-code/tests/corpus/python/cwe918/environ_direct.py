# expect: CWE-918
import os
import requests

def handler():
    v = os.environ["TARGET"]
    q = v
    resp = requests.get(q, timeout=5)
    return resp.text
