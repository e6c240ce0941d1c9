# expect: CWE-502
import pickle
import base64

def handler():
    v = input("value: ")
    q = v
    obj = pickle.loads(q)
    return str(obj)
