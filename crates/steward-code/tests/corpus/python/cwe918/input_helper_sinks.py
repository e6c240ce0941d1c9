# expect: CWE-918
import requests


def run(q):
    resp = requests.get(q, timeout=5)
    return resp.text

def handler():
    v = input("value: ")
    q = v
    return run(q)
