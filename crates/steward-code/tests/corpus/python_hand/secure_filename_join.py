# expect: safe CWE-22
import os
from flask import request
from werkzeug.utils import secure_filename

UPLOADS = "/srv/uploads"


def handler():
    f = request.files["doc"]
    path = os.path.join(UPLOADS, secure_filename(f.filename))
    with open(path, "wb") as out:
        out.write(f.read())
    return "ok"
