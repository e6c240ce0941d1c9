# expect: CWE-94
import sys

def handler():
    v = sys.argv[1]
    q = "total(" + v + ")"
    result = eval(q)
    return str(result)
