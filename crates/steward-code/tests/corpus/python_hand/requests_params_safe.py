# expect: safe CWE-918
import requests
from flask import request


def handler():
    r = requests.get("https://search.example.com/api", params={"q": request.args["q"]}, timeout=5)
    return r.text
