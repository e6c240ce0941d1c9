# expect: safe CWE-78
import os
import re
from flask import abort, request


def handler():
    host = request.args["host"]
    if not re.fullmatch(r"[a-z0-9.-]+", host):
        abort(400)
    return os.system("ping -c 1 " + host)
