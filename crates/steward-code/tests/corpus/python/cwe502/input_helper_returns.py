# expect: CWE-502
import pickle
import base64


def build(x):
    return x

def handler():
    v = input("value: ")
    q = build(v)
    obj = pickle.loads(q)
    return str(obj)
