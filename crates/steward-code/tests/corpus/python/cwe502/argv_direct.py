# expect: CWE-502
import sys
import pickle
import base64

def handler():
    v = sys.argv[1]
    q = v
    obj = pickle.loads(q)
    return str(obj)
