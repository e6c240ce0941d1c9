# expect: CWE-78
import os
from flask import request


class Pinger:
    def __init__(self):
        self.host = request.args["host"]

    def ping(self):
        return os.system("ping -c 1 " + self.host)
