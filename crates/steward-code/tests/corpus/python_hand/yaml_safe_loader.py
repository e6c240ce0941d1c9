# expect: safe CWE-502
import yaml
from flask import request


def handler():
    return str(yaml.load(request.get_data(), Loader=yaml.SafeLoader))
