# expect: CWE-22
import os


def run(q):
    with open(q) as f:
        return f.read()

def handler():
    v = input("value: ")
    q = "/srv/files/" + v
    return run(q)
