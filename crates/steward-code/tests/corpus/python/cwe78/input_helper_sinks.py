# expect: CWE-78
import os
import subprocess


def run(q):
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)

def handler():
    v = input("value: ")
    q = "ping -c 1 " + v
    return run(q)
