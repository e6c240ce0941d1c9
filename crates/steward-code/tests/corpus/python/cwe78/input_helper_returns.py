# expect: CWE-78
import os
import subprocess


def build(x):
    return "ping -c 1 " + x

def handler():
    v = input("value: ")
    q = build(v)
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)
