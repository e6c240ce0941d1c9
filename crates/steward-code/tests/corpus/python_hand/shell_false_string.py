# expect: safe CWE-78
import subprocess
from flask import request


def handler():
    name = request.args["name"]
    return subprocess.run(["grep", "-r", name, "/srv/docs"], shell=False, capture_output=True).stdout
