#!/usr/bin/env python3
"""Writes the Python part of the labelled corpus: for each weakness, the same sinks fed
from many sources through many kinds of data flow (vulnerable), and the look-alikes a
naive tool flags (safe): constants, sanitised values, dead branches, ternaries that always
pick the constant, overwritten container slots, parameterised APIs, helpers that drop
their argument. Run it from this directory; it rewrites python/. The first line of each
file is its label, which the scorer (tests/corpus.rs) reads.

Hand-written cases live in python_hand/ and are not touched by this script.
"""

import os
import shutil

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "python")

# Where the data comes from: (name, imports, function header, statement binding `v`).
# `{fn}` is the function name.
WEB_SOURCES = [
    ("flask_args", "from flask import Flask, request\napp = Flask(__name__)\n",
     '@app.route("/a")\ndef {fn}():\n', '    v = request.args.get("q", "")\n'),
    ("flask_form", "from flask import Flask, request\napp = Flask(__name__)\n",
     '@app.route("/a", methods=["POST"])\ndef {fn}():\n', '    v = request.form["q"]\n'),
    ("flask_cookie", "from flask import Flask, request\napp = Flask(__name__)\n",
     '@app.route("/a")\ndef {fn}():\n', '    v = request.cookies.get("pref")\n'),
    ("flask_header", "from flask import Flask, request\napp = Flask(__name__)\n",
     '@app.route("/a")\ndef {fn}():\n', '    v = request.headers.get("X-Item")\n'),
    ("flask_json", "from flask import Flask, request\napp = Flask(__name__)\n",
     '@app.route("/a", methods=["POST"])\ndef {fn}():\n', '    v = request.get_json()["q"]\n'),
    ("flask_route_param", "from flask import Flask, request\napp = Flask(__name__)\n",
     '@app.route("/a/<q>")\ndef {fn}(q):\n', '    v = q\n'),
    ("django_get", "from django.http import HttpResponse\n",
     'def {fn}(request):\n', '    v = request.GET.get("q")\n'),
    ("django_post", "from django.http import HttpResponse\n",
     'def {fn}(request):\n', '    v = request.POST["q"]\n'),
    ("fastapi_param", "from fastapi import FastAPI\napp = FastAPI()\n",
     '@app.get("/a")\ndef {fn}(q: str):\n', '    v = q\n'),
]
PROCESS_SOURCES = [
    ("argv", "import sys\n", 'def {fn}():\n', '    v = sys.argv[1]\n'),
    ("environ", "import os\n", 'def {fn}():\n', '    v = os.environ["TARGET"]\n'),
    ("input", "", 'def {fn}():\n', '    v = input("value: ")\n'),
]


class Weakness:
    def __init__(self, cwe, imports, setup, build, sink, sanitize, safe_api,
                 web_only=False, styles=None, prefix_safe=None, bytes_source=False):
        self.cwe = cwe
        self.imports = imports
        self.setup = setup          # lines before the sink, indented
        self.build = build          # style -> template with {e}
        self.sink = sink            # template with {q}; may be `return ...`
        self.sanitize = sanitize    # (imports, template with {e})
        self.safe_api = safe_api    # (imports, lines with {e})
        self.web_only = web_only
        self.styles = styles or list(build)
        self.prefix_safe = prefix_safe  # a build whose constant prefix fixes the target
        self.bytes_source = bytes_source


W = [
    Weakness(
        89, "import sqlite3\n", '    conn = sqlite3.connect("app.db")\n',
        {
            "concat": "\"SELECT * FROM users WHERE name = '\" + {e} + \"'\"",
            "fstring": "f\"SELECT * FROM users WHERE name = '{{{e}}}'\"",
            "percent": "\"SELECT * FROM users WHERE name = '%s'\" % {e}",
            "format": "\"SELECT * FROM users WHERE name = '{{}}'\".format({e})",
        },
        "    rows = conn.execute({q}).fetchall()\n    return str(rows)\n",
        ("", "int({e})"),
        ("", '    rows = conn.execute("SELECT * FROM users WHERE name = ?", ({e},)).fetchall()\n    return str(rows)\n'),
    ),
    Weakness(
        78, "import os\nimport subprocess\n", "",
        {
            "concat": '"ping -c 1 " + {e}',
            "fstring": 'f"ping -c 1 {{{e}}}"',
            "percent": '"ping -c 1 %s" % {e}',
            "format": '"ping -c 1 {{}}".format({e})',
        },
        "    out = subprocess.check_output({q}, shell=True)\n    os.system({q})\n    return str(out)\n",
        ("import shlex\n", "shlex.quote({e})"),
        ("", '    out = subprocess.check_output(["ping", "-c", "1", {e}])\n    return str(out)\n'),
    ),
    Weakness(
        94, "", "",
        {
            "concat": '"total(" + {e} + ")"',
            "fstring": 'f"total({{{e}}})"',
            "percent": '"total(%s)" % {e}',
            "format": '"total({{}})".format({e})',
        },
        "    result = eval({q})\n    return str(result)\n",
        ("", "int({e})"),
        ("import ast\n", "    result = ast.literal_eval({e})\n    return str(result)\n"),
    ),
    Weakness(
        79, "from flask import make_response\nfrom markupsafe import Markup\n", "",
        {
            "concat": '"<p>Hello " + {e} + "</p>"',
            "fstring": 'f"<p>Hello {{{e}}}</p>"',
            "percent": '"<p>Hello %s</p>" % {e}',
            "format": '"<p>Hello {{}}</p>".format({e})',
        },
        "    return make_response({q})\n",
        ("from markupsafe import escape\n", "escape({e})"),
        ("from flask import render_template\n", '    return render_template("hello.html", name={e})\n'),
        web_only=True,
    ),
    Weakness(
        22, "import os\n", "",
        {
            "concat": '"/srv/files/" + {e}',
            "fstring": 'f"/srv/files/{{{e}}}"',
            "join": 'os.path.join("/srv/files", {e})',
            "format": '"/srv/files/{{}}".format({e})',
        },
        "    with open({q}) as f:\n        return f.read()\n",
        ("", "os.path.basename({e})"),
        ("from flask import send_from_directory\n", '    return send_from_directory("/srv/files", {e})\n'),
    ),
    Weakness(
        601, "from flask import redirect\n", "",
        {
            "direct": "{e}",
            "concat": '{e} + "?from=login"',
            "fstring": 'f"{{{e}}}"',
            "strip": "{e}.strip()",
        },
        "    return redirect({q})\n",
        ("from flask import url_for\n", 'url_for("profile", name={e})'),
        ("from flask import url_for\n", '    return redirect(url_for("profile", name={e}))\n'),
        web_only=True,
        prefix_safe='"/profile/" + {e}',
    ),
    Weakness(
        643, "from lxml import etree\n", '    tree = etree.parse("users.xml")\n',
        {
            "concat": "\"//user[@name='\" + {e} + \"']\"",
            "fstring": "f\"//user[@name='{{{e}}}']\"",
            "percent": "\"//user[@name='%s']\" % {e}",
            "format": "\"//user[@name='{{}}']\".format({e})",
        },
        "    found = tree.xpath({q})\n    return str(found)\n",
        ("", "int({e})"),
        ("", '    tree = etree.parse("users.xml")\n    found = tree.xpath("//user[@name=$name]", name={e})\n    return str(found)\n'),
    ),
    Weakness(
        90, "import ldap\n", '    conn = ldap.initialize("ldap://directory")\n',
        {
            "concat": '"(uid=" + {e} + ")"',
            "fstring": 'f"(uid={{{e}}})"',
            "percent": '"(uid=%s)" % {e}',
            "format": '"(uid={{}})".format({e})',
        },
        '    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, {q})\n    return str(found)\n',
        ("from ldap.filter import escape_filter_chars\n", "escape_filter_chars({e})"),
        ("from ldap.filter import escape_filter_chars\n",
         '    conn = ldap.initialize("ldap://directory")\n    flt = "(uid=%s)" % escape_filter_chars({e})\n    found = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)\n    return str(found)\n'),
    ),
    Weakness(
        918, "import requests\n", "",
        {
            "direct": "{e}",
            "scheme": '"http://" + {e} + "/status"',
            "fstring": 'f"https://{{{e}}}/api/health"',
            "format": '"https://{{}}/api".format({e})',
        },
        "    resp = requests.get({q}, timeout=5)\n    return resp.text\n",
        ("from urllib.parse import quote\n", '"https://api.example.com/items/" + quote({e})'),
        ("from urllib.parse import quote\n", '    resp = requests.get("https://api.example.com/items", params={{"id": {e}}}, timeout=5)\n    return resp.text\n'),
        prefix_safe='"https://api.example.com/items/" + {e}',
    ),
    Weakness(
        502, "import pickle\nimport base64\n", "",
        {
            "direct": "{e}",
            "b64": "base64.b64decode({e})",
            "encode": "{e}.encode()",
        },
        "    obj = pickle.loads({q})\n    return str(obj)\n",
        None,
        ("import json\n", "    obj = json.loads({e})\n    return str(obj)\n"),
    ),
    Weakness(
        611, "import xml.sax\nfrom xml.dom import minidom\n", "",
        {
            "direct": "{e}",
            "encode": "{e}.encode()",
            "wrap": '"<root>" + {e} + "</root>"',
        },
        "    doc = minidom.parseString({q})\n    return doc.documentElement.tagName\n",
        None,
        ("import defusedxml.minidom\n", "    doc = defusedxml.minidom.parseString({e})\n    return doc.documentElement.tagName\n"),
    ),
]


def case(w, src, body_lines, extra_imports="", pre=""):
    name, imports, header, bind = src
    fn = "handler"
    return (imports + w.imports + extra_imports + pre + "\n" + header.format(fn=fn) + bind
            + w.setup + body_lines)


def write(path, label, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"# expect: {label}\n{text.rstrip()}\n")


def sink_of(w, q):
    return w.sink.replace("{q}", q)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for w in W:
        d = os.path.join(OUT, f"cwe{w.cwe}")
        vuln = f"CWE-{w.cwe}"
        safe = f"safe CWE-{w.cwe}"
        sources = WEB_SOURCES if w.web_only else WEB_SOURCES + PROCESS_SOURCES
        # Every source, through the first style, straight into the sink.
        first = w.styles[0]
        for s in sources:
            q = w.build[first].format(e="v")
            write(f"{d}/{s[0]}_{first}.py", vuln, case(w, s, f"    q = {q}\n" + sink_of(w, "q")))
        src = sources[0]
        # Every style of building the value.
        for style in w.styles[1:]:
            q = w.build[style].format(e="v")
            write(f"{d}/{src[0]}_{style}.py", vuln, case(w, src, f"    q = {q}\n" + sink_of(w, "q")))
        q = w.build[first].format(e="v")
        q_item = w.build[first].format(e="item")
        proc = sources[-1]
        flows = {
            "alias_chain": "    a = v\n    b = a\n" + f"    q = {w.build[first].format(e='b')}\n" + sink_of(w, "q"),
            "list_append_join": "    parts = []\n    parts.append(v)\n    item = \"\".join(parts)\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
            "dict_slot": "    d = {\"k\": v, \"other\": \"x\"}\n    item = d[\"k\"]\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
            "dict_put_get": "    d = {}\n    d[\"k\"] = v\n    item = d.get(\"k\")\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
            "attribute": "    box = Box()\n    box.item = v\n" + f"    q = {w.build[first].format(e='box.item')}\n" + sink_of(w, "q"),
            "augmented": f"    q = {w.build[first].format(e='v')}\n    q += \"\"\n" + sink_of(w, "q"),
            "loop": "    item = \"\"\n    for part in [v, \"x\"]:\n        item = part\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
            "branch_one_side": "    if len(v) > 3:\n        item = v\n    else:\n        item = \"short\"\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
        }
        pre_box = "\n\nclass Box:\n    pass\n"
        for fname, body in flows.items():
            pre = pre_box if fname == "attribute" else ""
            write(f"{d}/{src[0]}_{fname}.py", vuln, case(w, src, body, pre=pre))
        # Through helpers in the same file.
        helper_build = f"\n\ndef build(x):\n    return {w.build[first].format(e='x')}\n"
        write(f"{d}/{proc[0]}_helper_returns.py", vuln,
              case(w, proc, "    q = build(v)\n" + sink_of(w, "q"), pre=helper_build))
        helper_sink = "\n\ndef run(q):\n" + w.setup + sink_of(w, "q")
        if not w.web_only:
            write(f"{d}/{proc[0]}_helper_sinks.py", vuln,
                  case(w, proc, f"    q = {q}\n    return run(q)\n", pre=helper_sink))
        # --- safe look-alikes ---
        safes = {
            "constant": "    item = \"admin\"\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
            "overwritten": "    item = v\n    item = \"admin\"\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
            "dead_branch": "    item = \"admin\"\n    if False:\n        item = v\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
            "debug_flag_off": f"    item = \"admin\"\n    if DEBUG:\n        item = v\n    q = {q_item}\n" + sink_of(w, "q"),
            "ternary_constant": f"    item = \"admin\" if True else v\n    q = {q_item}\n" + sink_of(w, "q"),
            "slot_overwritten": "    d = {\"k\": v}\n    d[\"k\"] = \"admin\"\n" + f"    item = d[\"k\"]\n    q = {q_item}\n" + sink_of(w, "q"),
            "other_slot": "    d = {\"k\": v, \"fixed\": \"admin\"}\n" + f"    item = d[\"fixed\"]\n    q = {q_item}\n" + sink_of(w, "q"),
            "list_slot_overwritten": "    parts = [v, \"x\"]\n    parts[0] = \"admin\"\n" + f"    item = parts[0]\n    q = {q_item}\n" + sink_of(w, "q"),
            "other_attribute": "    box = Box()\n    box.user = v\n    box.role = \"admin\"\n" + f"    item = box.role\n    q = {q_item}\n" + sink_of(w, "q"),
            "helper_drops_arg": "    item = label(v)\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
            "length_only": "    item = str(len(v))\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
            "compare_only": "    item = \"yes\" if v == \"admin\" else \"no\"\n" + f"    q = {q_item}\n" + sink_of(w, "q"),
        }
        pre_safe = "\nDEBUG = False\n\n\nclass Box:\n    pass\n\n\ndef label(x):\n    return \"user\"\n"
        for fname, body in safes.items():
            write(f"{d}/{src[0]}_{fname}.py", safe, case(w, src, body, pre=pre_safe))
        if w.sanitize:
            imp, tmpl = w.sanitize
            item = tmpl.format(e="v")
            if w.cwe in (918,):
                body = f"    q = {item}\n" + sink_of(w, "q")
            else:
                body = f"    item = {item}\n    q = {q_item}\n" + sink_of(w, "q")
            write(f"{d}/{src[0]}_sanitized.py", safe, case(w, src, body, extra_imports=imp))
            helper = "\n\ndef clean(x):\n    return " + tmpl.format(e="x") + "\n"
            if w.cwe not in (918,):
                body = f"    item = clean(v)\n    q = {q_item}\n" + sink_of(w, "q")
                write(f"{d}/{src[0]}_sanitized_in_helper.py", safe,
                      case(w, src, body, extra_imports=imp, pre=helper))
        imp, lines = w.safe_api
        write(f"{d}/{src[0]}_safe_api.py", safe, case(w, src, lines.format(e="v"), extra_imports=imp))
        if w.prefix_safe:
            q = w.prefix_safe.format(e="v")
            write(f"{d}/{src[0]}_fixed_prefix.py", safe, case(w, src, f"    q = {q}\n" + sink_of(w, "q")))


if __name__ == "__main__":
    main()
