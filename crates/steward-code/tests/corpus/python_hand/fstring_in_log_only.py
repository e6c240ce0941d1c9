# expect: safe CWE-89
import logging
import sqlite3
from flask import request

log = logging.getLogger(__name__)


def handler():
    conn = sqlite3.connect("app.db")
    name = request.args["name"]
    log.info(f"looking up {name}")
    return conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()
