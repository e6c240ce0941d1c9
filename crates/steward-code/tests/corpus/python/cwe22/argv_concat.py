# expect: CWE-22
import sys
import os

def handler():
    v = sys.argv[1]
    q = "/srv/files/" + v
    with open(q) as f:
        return f.read()
