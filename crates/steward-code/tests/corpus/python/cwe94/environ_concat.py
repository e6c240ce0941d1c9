# expect: CWE-94
import os

def handler():
    v = os.environ["TARGET"]
    q = "total(" + v + ")"
    result = eval(q)
    return str(result)
