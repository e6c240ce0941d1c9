# expect: safe CWE-78
import os
from flask import abort, request

ALLOWED = {"status", "uptime"}


def handler():
    cmd = request.args["cmd"]
    if cmd not in ALLOWED:
        abort(400)
    return os.system(cmd)
