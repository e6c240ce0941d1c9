# expect: CWE-918
import requests

def handler():
    v = input("value: ")
    q = v
    resp = requests.get(q, timeout=5)
    return resp.text
