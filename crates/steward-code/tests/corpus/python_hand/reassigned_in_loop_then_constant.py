# expect: safe CWE-78
import os
from flask import request


def handler():
    target = request.args["t"]
    for _ in range(3):
        target = "localhost"
    return os.system("ping -c 1 " + target)
