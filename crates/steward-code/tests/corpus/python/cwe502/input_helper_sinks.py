# expect: CWE-502
import pickle
import base64


def run(q):
    obj = pickle.loads(q)
    return str(obj)

def handler():
    v = input("value: ")
    q = v
    return run(q)
