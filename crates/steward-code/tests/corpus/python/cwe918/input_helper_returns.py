# expect: CWE-918
import requests


def build(x):
    return x

def handler():
    v = input("value: ")
    q = build(v)
    resp = requests.get(q, timeout=5)
    return resp.text
