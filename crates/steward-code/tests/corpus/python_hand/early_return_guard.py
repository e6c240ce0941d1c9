# expect: safe CWE-94
from flask import request


def handler():
    expr = request.args.get("expr")
    expr = "2 * 21"
    return str(eval(expr))
