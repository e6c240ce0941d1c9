#!/usr/bin/env python3
"""Writes the Go part of the labelled corpus (go/): net/http and gin handlers feeding each
sink from request and process sources through each kind of flow (concatenation,
fmt.Sprintf, strings.Builder, strings.Join, maps, struct fields, slices, a helper
function), and the safe look-alikes (constants, dead branches, overwritten map slots,
sanitisers, placeholders, no shell, fixed URL prefixes). Run it from this directory; it
rewrites go/. Hand-written cases live in go_hand/.
"""

import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "go")

# (name, imports, statement binding `v` inside `func handle(w http.ResponseWriter, r *http.Request)`)
SOURCES = [
    ("query", [], '\tv := r.URL.Query().Get("q")\n'),
    ("form", [], '\tv := r.FormValue("q")\n'),
    ("header", [], '\tv := r.Header.Get("X-Item")\n'),
    ("cookie", [], '\tck, err := r.Cookie("pref")\n\tif err != nil {\n\t\treturn\n\t}\n\tv := ck.Value\n'),
    ("muxvars", ['"github.com/gorilla/mux"'], '\tv := mux.Vars(r)["id"]\n'),
]

# (name, statements turning `v` into `e`, expression that reaches the sink, extra imports)
FLOWS = [
    ("concat", "", "{pre} + v + {post}", []),
    ("sprintf", "\tq := fmt.Sprintf({fmtlit}, v)\n", "q", ['"fmt"']),
    ("builder", "\tvar b strings.Builder\n\tb.WriteString({pre})\n\tb.WriteString(v)\n\tb.WriteString({post})\n", "b.String()", ['"strings"']),
    ("join", "\tparts := []string{{{pre}, v, {post}}}\n", 'strings.Join(parts, "")', ['"strings"']),
    ("map", "\tm := map[string]string{{\"k\": v}}\n", "{pre} + m[\"k\"] + {post}", []),
    ("struct", "\tp := params{{name: v}}\n", "{pre} + p.name + {post}", []),
    ("helper", "", "build(v)", []),
]

SAFE_FLOWS = [
    ("constant", "\tv = \"fixed\"\n"),
    ("dead_branch", None),
    ("overwritten_slot", None),
]


class W:
    def __init__(self, cwe, imports, sink, pre, post, fmtlit, sanitize, safe_api, prefix=None):
        self.cwe = cwe
        self.imports = imports
        self.sink = sink
        self.pre = pre
        self.post = post
        self.fmtlit = fmtlit
        self.sanitize = sanitize  # (imports, expression of v)
        self.safe_api = safe_api  # (imports, statements using v safely)
        self.prefix = prefix


WEAK = [
    W(89, ['"database/sql"'], "\trows, _ := db.Query({e})\n\tdefer rows.Close()\n",
      '"SELECT * FROM items WHERE name = \'"', '"\'"', '"SELECT * FROM items WHERE name = \'%s\'"',
      (['"strconv"'], None),
      ([], '\trows, _ := db.Query("SELECT * FROM items WHERE name = $1", v)\n\tdefer rows.Close()\n')),
    W(78, ['"os/exec"'], '\texec.Command("sh", "-c", {e}).Run()\n',
      '"ping -c 1 "', '""', '"ping -c 1 %s"',
      (['"strconv"'], None),
      ([], '\texec.Command("ping", "-c", "1", v).Run()\n')),
    W(79, [], "\tw.Write([]byte({e}))\n",
      '"<p>"', '"</p>"', '"<p>%s</p>"',
      (['"html"'], "html.EscapeString(v)"),
      (['"html/template"'], '\tt := template.Must(template.New("p").Parse("<p>{{.}}</p>"))\n\tt.Execute(w, v)\n')),
    W(22, ['"os"'], "\tdata, _ := os.ReadFile({e})\n\tw.Write(data)\n",
      '"/srv/files/"', '""', '"/srv/files/%s"',
      (['"path/filepath"'], "filepath.Base(v)"),
      (['"os"'], '\tdata, _ := os.ReadFile("/srv/files/index.txt")\n\t_ = v\n\tw.Write(data)\n')),
    W(601, [], "\thttp.Redirect(w, r, {e}, http.StatusFound)\n",
      '""', '""', '"%s"',
      None,
      ([], '\thttp.Redirect(w, r, "/items/"+v, http.StatusFound)\n')),
    W(918, [], "\tresp, err := http.Get({e})\n\tif err == nil {{\n\t\tresp.Body.Close()\n\t}}\n",
      '""', '""', '"%s"',
      (['"net/url"'], None),
      (['"net/url"'], '\tresp, err := http.Get("https://api.example.com/items/" + url.PathEscape(v))\n\tif err == nil {\n\t\tresp.Body.Close()\n\t}\n')),
]


def imports_block(names):
    seen = []
    for n in ['"net/http"'] + names:
        if n not in seen:
            seen.append(n)
    return "import (\n" + "".join(f"\t{n}\n" for n in seen) + ")\n"


def render(w, src, flow_stmts, expr, extra_imports, label, extra_decl=""):
    imps = w.imports + src[1] + extra_imports
    body = src[2] + flow_stmts + w.sink.format(e=expr)
    decls = ""
    if w.cwe == 89:
        decls += "var db *sql.DB\n\n"
    decls += extra_decl
    # A variable that is only read by the sink would not compile on its own.
    if "_ = v" not in body and "v" not in body.replace(src[2], ""):
        body += "\t_ = v\n"
    return f"// expect: {label}\npackage main\n\n{imports_block(imps)}\n{decls}func handle(w http.ResponseWriter, r *http.Request) {{\n{body}}}\n"


def write(name, text):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(text)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    n = 0
    for w in WEAK:
        d = f"cwe{w.cwe}"
        os.makedirs(os.path.join(OUT, d), exist_ok=True)
        fill = dict(pre=w.pre, post=w.post, fmtlit=w.fmtlit)
        # Every source through the plain flow, every flow from the first two sources.
        combos = [(s, FLOWS[0]) for s in SOURCES] + [(s, f) for s in SOURCES[:2] for f in FLOWS[1:]]
        if w.cwe == 601 or w.cwe == 918:
            combos = [(s, FLOWS[0]) for s in SOURCES] + [(SOURCES[0], f) for f in FLOWS[1:]]
        for s, f in combos:
            stmts = f[1].format(**fill)
            expr = f[2].format(**fill)
            extra = ""
            if f[0] == "struct":
                extra = "type params struct {\n\tname string\n}\n\n"
            if f[0] == "helper":
                extra = f"func build(x string) string {{\n\treturn {w.pre} + x + {w.post}\n}}\n\n"
            text = render(w, s, stmts, expr, f[3], f"CWE-{w.cwe}", extra)
            write(f"{d}/vuln_{s[0]}_{f[0]}.go", text)
            n += 1
        # Safe twins.
        src = SOURCES[0]
        concat = FLOWS[0][2].format(**fill)
        write(f"{d}/safe_constant.go", render(w, src, '\tv = "fixed"\n', concat, [], f"safe CWE-{w.cwe}"))
        write(f"{d}/safe_dead_branch.go", render(
            w, src, '\tq := "fixed"\n\tif debug {\n\t\tq = v\n\t}\n',
            FLOWS[0][2].format(**fill).replace("v", "q", 1) if False else f"{w.pre} + q + {w.post}", [],
            f"safe CWE-{w.cwe}", "const debug = false\n\n"))
        write(f"{d}/safe_overwritten_slot.go", render(
            w, src, '\tm := map[string]string{"k": v}\n\tm["k"] = "fixed"\n',
            f'{w.pre} + m["k"] + {w.post}', [], f"safe CWE-{w.cwe}"))
        n += 3
        if w.sanitize is not None:
            imps, sexpr = w.sanitize
            if sexpr is None:
                # A number parsed from the input carries none of its text.
                stmts = '\tid, err := strconv.Atoi(v)\n\tif err != nil {\n\t\treturn\n\t}\n\tv = strconv.Itoa(id)\n'
                if w.cwe == 918:
                    stmts = ""
            else:
                stmts = f"\tv = {sexpr}\n"
            if w.cwe == 918:
                # A parsed URL whose host is checked against the one allowed.
                text = render(w, src,
                              '\tu, err := url.Parse(v)\n\tif err != nil || u.Host != "api.example.com" {\n\t\treturn\n\t}\n',
                              "u.String()", imps, "safe CWE-918")
            else:
                text = render(w, src, stmts, concat, imps, f"safe CWE-{w.cwe}")
            write(f"{d}/safe_sanitized.go", text)
            n += 1
        imps, stmts = w.safe_api
        write(f"{d}/safe_api.go", render(w, src, stmts, "", imps, f"safe CWE-{w.cwe}").replace("\trows, _ := db.Query()\n\tdefer rows.Close()\n", ""))
        n += 1
    print(n, "cases")


if __name__ == "__main__":
    main()
