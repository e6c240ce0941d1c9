# expect: CWE-89
from django.http import HttpResponse
import sqlite3

def handler(request):
    v = request.GET.get("q")
    conn = sqlite3.connect("app.db")
    q = "SELECT * FROM users WHERE name = '" + v + "'"
    rows = conn.execute(q).fetchall()
    return str(rows)
