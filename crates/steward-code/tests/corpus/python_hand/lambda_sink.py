# expect: CWE-78
import os
from flask import request

run = lambda cmd: os.system(cmd)


def handler():
    return run("echo " + request.args["msg"])
