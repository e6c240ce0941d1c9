# expect: CWE-22
import os


def build(x):
    return "/srv/files/" + x

def handler():
    v = input("value: ")
    q = build(v)
    with open(q) as f:
        return f.read()
