# expect: CWE-22
import os
import os

def handler():
    v = os.environ["TARGET"]
    q = "/srv/files/" + v
    with open(q) as f:
        return f.read()
