# expect: CWE-22
import os
from flask import request

UPLOADS = "/srv/uploads"


def handler():
    f = request.files["doc"]
    with open(os.path.join(UPLOADS, f.filename), "wb") as out:
        out.write(f.read())
    return "ok"
