# expect: CWE-502
import os
import pickle
import base64

def handler():
    v = os.environ["TARGET"]
    q = v
    obj = pickle.loads(q)
    return str(obj)
