# expect: CWE-22
import os

def handler():
    v = input("value: ")
    q = "/srv/files/" + v
    with open(q) as f:
        return f.read()
