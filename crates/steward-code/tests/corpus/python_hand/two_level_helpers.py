# expect: CWE-89
import sqlite3
import sys


def quote_name(name):
    return "'" + name + "'"


def where_clause(name):
    return "WHERE name = " + quote_name(name)


def main():
    conn = sqlite3.connect("app.db")
    conn.execute("DELETE FROM users " + where_clause(sys.argv[1]))
