# expect: CWE-78
import os
from flask import request


class Jobs:
    def run(self, command):
        os.system(command)

    def handle(self):
        self.run("tar czf /tmp/out.tgz " + request.form["dir"])
