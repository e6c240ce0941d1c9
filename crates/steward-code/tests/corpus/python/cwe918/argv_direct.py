# expect: CWE-918
import sys
import requests

def handler():
    v = sys.argv[1]
    q = v
    resp = requests.get(q, timeout=5)
    return resp.text
