# expect: CWE-78
import os
import subprocess

def handler():
    v = input("value: ")
    q = "ping -c 1 " + v
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)
