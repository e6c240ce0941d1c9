# expect: CWE-79
from flask import Flask, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/greet")
def greet():
    return Markup("<b>%s</b>" % request.args.get("who", ""))
