#!/usr/bin/env python3
"""Writes the JavaScript and TypeScript part of the labelled corpus (javascript/,
typescript/): Express handlers feeding each sink from every request source and through
every kind of flow, and the safe look-alikes (constants, dead branches, ternaries,
overwritten slots, sanitisers, parameterised APIs, fixed URL prefixes). Run it from this
directory; it rewrites those two folders. Hand-written cases live in javascript_hand/.
"""

import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

# (name, statement binding `v` inside an Express handler)
SOURCES = [
    ("query", '  const v = req.query.q;\n'),
    ("body", '  const v = req.body.q;\n'),
    ("params", '  const v = req.params.q;\n'),
    ("cookies", '  const v = req.cookies.pref;\n'),
    ("header", '  const v = req.headers["x-item"];\n'),
    ("req_get", '  const v = req.get("X-Item");\n'),
    ("destructured", '  const { q: v } = req.query;\n'),
]
PROCESS_SOURCES = [
    ("argv", '  const v = process.argv[2];\n'),
]


class Weakness:
    def __init__(self, cwe, imports, sink, build, sanitize, safe_api, process=False,
                 prefix_safe=None, safe_api_is_honest_hard=False):
        self.cwe = cwe
        self.imports = imports
        self.sink = sink
        self.build = build
        self.sanitize = sanitize
        self.safe_api = safe_api
        self.process = process
        self.prefix_safe = prefix_safe


W = [
    Weakness(89, 'const mysql = require("mysql");\nconst db = mysql.createConnection({ host: "db" });\n',
             "  db.query({q}, (err, rows) => res.json(rows));\n",
             {"concat": "\"SELECT * FROM users WHERE name = '\" + {e} + \"'\"",
              "template": "`SELECT * FROM users WHERE name = '${{{e}}}'`",
              "join": "[\"SELECT * FROM users WHERE name = '\", {e}, \"'\"].join(\"\")",
              "concat_method": "\"SELECT * FROM users WHERE name = '\".concat({e}, \"'\")"},
             ("", "mysql.escape({e})"),
             ("", '  db.query("SELECT * FROM users WHERE name = ?", [{e}], (err, rows) => res.json(rows));\n'),
             process=True),
    Weakness(78, 'const { exec, execFile } = require("child_process");\n',
             '  exec({q}, (err, out) => res.json({ ok: !err }));\n',
             {"concat": '"ping -c 1 " + {e}',
              "template": "`ping -c 1 ${{{e}}}`",
              "join": '["ping", "-c", "1", {e}].join(" ")',
              "concat_method": '"ping -c 1 ".concat({e})'},
             ('const shellQuote = require("shell-quote");\n', "shellQuote.quote([{e}])"),
             ("", '  execFile("ping", ["-c", "1", {e}], (err, out) => res.json({ ok: !err }));\n'),
             process=True),
    Weakness(94, "",
             "  res.json({ result: eval({q}) });\n",
             {"concat": '"total(" + {e} + ")"',
              "template": "`total(${{{e}}})`",
              "join": '["total(", {e}, ")"].join("")',
              "concat_method": '"total(".concat({e}, ")")'},
             ("", "Number({e})"),
             ("", "  res.json({ result: JSON.parse({e}) });\n"),
             process=True),
    Weakness(79, "",
             "  res.send({q});\n",
             {"concat": '"<p>Hello " + {e} + "</p>"',
              "template": "`<p>Hello ${{{e}}}</p>`",
              "join": '["<p>Hello ", {e}, "</p>"].join("")',
              "concat_method": '"<p>Hello ".concat({e}, "</p>")'},
             ('const escapeHtml = require("escape-html");\n', "escapeHtml({e})"),
             ("", '  res.render("hello", { name: {e} });\n')),
    Weakness(22, 'const fs = require("fs");\nconst path = require("path");\n',
             '  fs.readFile({q}, "utf8", (err, data) => res.json({ data }));\n',
             {"concat": '"/srv/files/" + {e}',
              "template": "`/srv/files/${{{e}}}`",
              "join": 'path.join("/srv/files", {e})',
              "resolve": 'path.resolve("/srv/files", {e})'},
             ("", "path.basename({e})"),
             ("", '  res.sendFile({e}, {{ root: "/srv/files" }});\n')),
    Weakness(601, "",
             "  res.redirect({q});\n",
             {"direct": "{e}",
              "concat": '{e} + "?from=login"',
              "template": "`${{{e}}}`",
              "trim": "{e}.trim()"},
             None,
             ("", '  res.redirect("/home");\n'),
             prefix_safe='"/profile/" + {e}'),
    Weakness(918, 'const axios = require("axios");\n',
             "  axios.get({q}).then((r) => res.json(r.data));\n",
             {"direct": "{e}",
              "scheme": '"http://" + {e} + "/status"',
              "template": "`https://${{{e}}}/api/health`",
              "concat_method": '"https://".concat({e}, "/api")'},
             None,
             ("", '  axios.get("https://api.example.com/items", {{ params: {{ id: {e} }} }}).then((r) => res.json(r.data));\n'),
             prefix_safe='"https://api.example.com/items/" + {e}'),
]

HEADER = 'const express = require("express");\nconst app = express();\n'


def handler(body):
    return 'app.get("/a/:q", (req, res) => {\n' + body + "});\n"


def write(path, label, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"// expect: {label}\n{text.rstrip()}\n")


def sink_of(w, q):
    return w.sink.replace("{q}", q)


def main():
    for sub in ("javascript", "typescript"):
        d = os.path.join(HERE, sub)
        if os.path.isdir(d):
            shutil.rmtree(d)
    for w in W:
        d = os.path.join(HERE, "javascript", f"cwe{w.cwe}")
        vuln = f"CWE-{w.cwe}"
        safe = f"safe CWE-{w.cwe}"
        styles = list(w.build)
        first = styles[0]
        pre = HEADER + w.imports
        sources = SOURCES + (PROCESS_SOURCES if w.process else [])
        for name, bind in sources:
            q = w.build[first].format(e="v")
            write(f"{d}/{name}_{first}.js", vuln, pre + handler(bind + f"  const q = {q};\n" + sink_of(w, "q")))
        bind = SOURCES[0][1]
        for style in styles[1:]:
            q = w.build[style].format(e="v")
            write(f"{d}/query_{style}.js", vuln, pre + handler(bind + f"  const q = {q};\n" + sink_of(w, "q")))
        qi = w.build[first].format(e="item")
        flows = {
            "alias_chain": "  const a = v;\n  let b = a;\n" + f"  const q = {w.build[first].format(e='b')};\n" + sink_of(w, "q"),
            "array_push_join": "  const parts = [];\n  parts.push(v);\n  const item = parts.join(\"\");\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "object_slot": "  const o = { k: v, other: \"x\" };\n  const item = o.k;\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "object_put_get": "  const o = {};\n  o[\"k\"] = v;\n  const item = o[\"k\"];\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "augmented": f"  let q = {w.build[first].format(e='v')};\n  q += \"\";\n" + sink_of(w, "q"),
            "branch_one_side": "  let item = \"short\";\n  if (v.length > 3) {\n    item = v;\n  }\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "for_of": "  let item = \"\";\n  for (const part of [v, \"x\"]) {\n    item = part;\n  }\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
        }
        for fname, body in flows.items():
            write(f"{d}/query_{fname}.js", vuln, pre + handler(bind + body))
        helper = f"function build(x) {{\n  return {w.build[first].format(e='x')};\n}}\n\n"
        write(f"{d}/query_helper_returns.js", vuln,
              pre + helper + handler(bind + "  const q = build(v);\n" + sink_of(w, "q")))
        runner = "function run(q, res) {\n" + sink_of(w, "q") + "}\n\n"
        write(f"{d}/query_helper_sinks.js", vuln,
              pre + runner + handler(bind + f"  const q = {w.build[first].format(e='v')};\n  run(q, res);\n"))
        # --- safe look-alikes ---
        safes = {
            "constant": "  const item = \"admin\";\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "overwritten": "  let item = v;\n  item = \"admin\";\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "dead_branch": "  let item = \"admin\";\n  if (false) {\n    item = v;\n  }\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "debug_flag_off": "  let item = \"admin\";\n  if (DEBUG) {\n    item = v;\n  }\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "ternary_constant": f"  const item = true ? \"admin\" : v;\n  const q = {qi};\n" + sink_of(w, "q"),
            "slot_overwritten": "  const o = { k: v };\n  o.k = \"admin\";\n" + f"  const item = o.k;\n  const q = {qi};\n" + sink_of(w, "q"),
            "other_slot": "  const o = { k: v, fixed: \"admin\" };\n" + f"  const item = o.fixed;\n  const q = {qi};\n" + sink_of(w, "q"),
            "array_slot_overwritten": "  const parts = [v, \"x\"];\n  parts[0] = \"admin\";\n" + f"  const item = parts[0];\n  const q = {qi};\n" + sink_of(w, "q"),
            "helper_drops_arg": "  const item = label(v);\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "length_only": "  const item = String(v.length);\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "compare_only": "  const item = v === \"admin\" ? \"yes\" : \"no\";\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
            "number_parsed": "  const item = String(parseInt(v, 10));\n" + f"  const q = {qi};\n" + sink_of(w, "q"),
        }
        safe_pre = pre + "const DEBUG = false;\n\nfunction label(x) {\n  return \"user\";\n}\n\n"
        for fname, body in safes.items():
            write(f"{d}/query_{fname}.js", safe, safe_pre + handler(bind + body))
        if w.sanitize:
            imp, tmpl = w.sanitize
            body = f"  const item = {tmpl.format(e='v')};\n  const q = {qi};\n" + sink_of(w, "q")
            write(f"{d}/query_sanitized.js", safe, pre + imp + handler(bind + body))
        imp, lines = w.safe_api
        write(f"{d}/query_safe_api.js", safe, pre + imp + handler(bind + lines.replace("{e}", "v").replace("{{", "{").replace("}}", "}")))
        if w.prefix_safe:
            q = w.prefix_safe.format(e="v")
            write(f"{d}/query_fixed_prefix.js", safe, pre + handler(bind + f"  const q = {q};\n" + sink_of(w, "q")))
        # TypeScript: typed handlers, the same flows.
        td = os.path.join(HERE, "typescript", f"cwe{w.cwe}")
        ts_pre = ('import express, { Request, Response } from "express";\nconst app = express();\n'
                  + w.imports.replace("const ", "const ").replace("require", "require"))

        def ts_handler(body):
            return 'app.post("/a/:q", async (req: Request, res: Response) => {\n' + body + "});\n"
        for name, bind in SOURCES[:4]:
            q = w.build[first].format(e="v")
            tbind = bind.replace("const v =", "const v: string =")
            write(f"{td}/{name}_{first}.ts", vuln, ts_pre + ts_handler(tbind + f"  const q: string = {q};\n" + sink_of(w, "q")))
        for style in styles[1:3]:
            q = w.build[style].format(e="(v as string)")
            write(f"{td}/query_{style}.ts", vuln, ts_pre + ts_handler(SOURCES[0][1] + f"  const q = {q};\n" + sink_of(w, "q")))
        write(f"{td}/query_constant.ts", safe,
              ts_pre + ts_handler(SOURCES[0][1] + "  const item: string = \"admin\";\n" + f"  const q = {qi};\n" + sink_of(w, "q")))
        write(f"{td}/query_dead_branch.ts", safe,
              ts_pre + ts_handler(SOURCES[0][1] + "  let item: string = \"admin\";\n  if (false) {\n    item = v!;\n  }\n" + f"  const q = {qi};\n" + sink_of(w, "q")))
        write(f"{td}/query_helper_drops_arg.ts", safe,
              ts_pre + "function label(x: string): string {\n  return \"user\";\n}\n\n"
              + ts_handler(SOURCES[0][1] + "  const item = label(v as string);\n" + f"  const q = {qi};\n" + sink_of(w, "q")))


if __name__ == "__main__":
    main()
