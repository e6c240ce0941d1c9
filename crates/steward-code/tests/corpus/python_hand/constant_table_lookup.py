# expect: safe CWE-78
import os
from flask import request

COMMANDS = {"disk": "df -h", "mem": "free -m"}


def handler():
    cmd = COMMANDS[request.args["what"]]
    return os.system(cmd)
