# expect: CWE-78
import sys
import os
import subprocess

def handler():
    v = sys.argv[1]
    q = "ping -c 1 " + v
    out = subprocess.check_output(q, shell=True)
    os.system(q)
    return str(out)
