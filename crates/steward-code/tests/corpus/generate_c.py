#!/usr/bin/env python3
"""Writes the C and C++ part of the labelled corpus (c/, cpp/): command-line, environment
and input-stream sources (argv, getenv, fgets, scanf, recv, read, std::cin,
std::getline) feeding shell commands, format strings, file names, SQL text and copy
lengths through each kind of flow (snprintf into a buffer, strcpy/strcat building, struct
fields, a helper function, std::string concatenation, ostringstream), and the safe
look-alikes (#define constants, #if 0 and if (0) dead code, numbers parsed with atoi,
constant formats, basename, prepared statements, exec without a shell). Run it from this
directory; it rewrites c/ and cpp/. Hand-written cases live in c_hand/.
"""

import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

# (name, declarations/statements in main that leave the untrusted string in `v`)
C_SOURCES = [
    ("argv", "    const char *v = argv[1];\n"),
    ("getenv", '    const char *v = getenv("ITEM");\n    if (v == NULL) return 1;\n'),
    ("fgets", "    char v[128];\n    if (fgets(v, sizeof v, stdin) == NULL) return 1;\n"),
    ("scanf", '    char v[128];\n    if (scanf("%127s", v) != 1) return 1;\n'),
    ("recv", "    char v[128];\n    int s = connect_to_peer();\n    ssize_t got = recv(s, v, sizeof v - 1, 0);\n    if (got <= 0) return 1;\n    v[got] = 0;\n"),
]
CPP_SOURCES = [
    ("cin", "    std::string v;\n    std::cin >> v;\n"),
    ("getline", "    std::string v;\n    std::getline(std::cin, v);\n"),
    ("argv", "    std::string v = argv[1];\n"),
]


class W:
    def __init__(self, cwe, sink_c, sink_cpp, pre, post, safe_api, sanitize):
        self.cwe = cwe
        self.sink_c = sink_c      # uses {e}: a char * expression
        self.sink_cpp = sink_cpp  # uses {e}: a std::string expression
        self.pre = pre
        self.post = post
        self.safe_api = safe_api
        self.sanitize = sanitize  # how a number is printed into the built string, or a wrapper


WEAK = [
    W(78, "    return system({e});\n", "    return std::system({e}.c_str());\n",
      "ping -c 1 ", "", '    execlp("ping", "ping", "-c", "1", v, (char *)0);\n    return 1;\n', "atoi"),
    W(134, "    printf({e});\n    return 0;\n", "    printf({e}.c_str());\n    return 0;\n",
      "user: ", "\\n", '    printf("user: %s\\n", v);\n    return 0;\n', "atoi"),
    W(22, '    FILE *f = fopen({e}, "r");\n    return f == NULL;\n',
      "    std::ifstream in({e});\n    return in.good() ? 0 : 1;\n",
      "/var/data/", "", '    FILE *f = fopen("/var/data/index.txt", "r");\n    (void)v;\n    return f == NULL;\n', "basename"),
    W(89, "    return sqlite3_exec(db, {e}, 0, 0, 0);\n", "    return sqlite3_exec(db, {e}.c_str(), 0, 0, 0);\n",
      "SELECT * FROM users WHERE name = '", "'",
      '    sqlite3_stmt *st;\n    sqlite3_prepare_v2(db, "SELECT * FROM users WHERE name = ?", -1, &st, 0);\n    sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);\n    return sqlite3_step(st);\n',
      "atoi"),
]

C_HEAD = "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <unistd.h>\n#include <libgen.h>\n#include <sqlite3.h>\n\nextern sqlite3 *db;\nint connect_to_peer(void);\n\n"
CPP_HEAD = "#include <cstdio>\n#include <cstdlib>\n#include <fstream>\n#include <iostream>\n#include <sstream>\n#include <string>\n#include <sqlite3.h>\n\nextern sqlite3 *db;\n\n"


def c_case(w, src, flow, label):
    pre, post = w.pre, w.post
    extra = ""
    if flow == "snprintf":
        body = f'    char e[512];\n    snprintf(e, sizeof e, "{pre}%s{post}", v);\n' + w.sink_c.format(e="e")
    elif flow == "strcat":
        body = f'    char e[512];\n    strcpy(e, "{pre}");\n    strncat(e, v, 256);\n    strcat(e, "{post}");\n' + w.sink_c.format(e="e")
    elif flow == "struct":
        extra = "struct request {\n    const char *item;\n    int flags;\n};\n\n"
        body = f'    struct request req = {{ .item = v, .flags = 0 }};\n    char e[512];\n    snprintf(e, sizeof e, "{pre}%s{post}", req.item);\n' + w.sink_c.format(e="e")
    elif flow == "helper":
        extra = f'static void build(char *out, size_t n, const char *item) {{\n    snprintf(out, n, "{pre}%s{post}", item);\n}}\n\n'
        body = "    char e[512];\n    build(e, sizeof e, v);\n" + w.sink_c.format(e="e")
    elif flow == "helper_sink":
        sink_fn = w.sink_c.format(e="cmd").replace("return ", "int rc = ").replace("return f == NULL;", "rc = f == NULL;")
        extra = f"static int run(const char *cmd) {{\n{w.sink_c.format(e='cmd')}}}\n\n"
        body = f'    char e[512];\n    snprintf(e, sizeof e, "{pre}%s{post}", v);\n    return run(e);\n'
    else:
        raise ValueError(flow)
    if "return" not in body.splitlines()[-1] and not body.rstrip().endswith("return 1;"):
        pass
    return f"// expect: {label}\n{C_HEAD}{extra}int main(int argc, char **argv) {{\n{src[1]}{body}}}\n"


def cpp_case(w, src, flow, label):
    pre, post = w.pre, w.post
    if flow == "concat":
        body = f'    std::string e = "{pre}" + v + "{post}";\n' + w.sink_cpp.format(e="e")
    elif flow == "stream":
        body = f'    std::ostringstream os;\n    os << "{pre}" << v << "{post}";\n    std::string e = os.str();\n' + w.sink_cpp.format(e="e")
    elif flow == "append":
        body = f'    std::string e("{pre}");\n    e.append(v);\n    e += "{post}";\n' + w.sink_cpp.format(e="e")
    else:
        raise ValueError(flow)
    return f"// expect: {label}\n{CPP_HEAD}int main(int argc, char **argv) {{\n{src[1]}{body}}}\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    for d in ("c", "cpp"):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
    n = 0
    for w in WEAK:
        cd = os.path.join(HERE, "c", f"cwe{w.cwe}")
        for s in C_SOURCES:
            write(os.path.join(cd, f"vuln_{s[0]}_snprintf.c"), c_case(w, s, "snprintf", f"CWE-{w.cwe}"))
            n += 1
        for f in ("strcat", "struct", "helper", "helper_sink"):
            write(os.path.join(cd, f"vuln_argv_{f}.c"), c_case(w, C_SOURCES[0], f, f"CWE-{w.cwe}"))
            n += 1
        # Safe twins.
        src = C_SOURCES[0]
        safe = f"safe CWE-{w.cwe}"
        const_src = ("const", f'    const char *v = ITEM;\n    (void)argv;\n')
        text = c_case(w, const_src, "snprintf", safe).replace("int main", '#define ITEM "localhost"\n\nint main', 1)
        write(os.path.join(cd, "safe_define_constant.c"), text)
        dead = ("dead", '    const char *v = "localhost";\n    if (0) {\n        v = argv[1];\n    }\n')
        write(os.path.join(cd, "safe_dead_if0.c"), c_case(w, dead, "snprintf", safe))
        ifdef = ("ifzero", '    const char *v = "localhost";\n#if 0\n    v = getenv("ITEM");\n#endif\n    (void)argv;\n')
        write(os.path.join(cd, "safe_dead_hash_if0.c"), c_case(w, ifdef, "snprintf", safe))
        if w.sanitize == "atoi":
            body = f'    int id = atoi(argv[1]);\n    char e[512];\n    snprintf(e, sizeof e, "{w.pre}%d{w.post}", id);\n' + w.sink_c.format(e="e")
        else:
            body = f'    char e[512];\n    snprintf(e, sizeof e, "{w.pre}%s{w.post}", basename(argv[1]));\n' + w.sink_c.format(e="e")
        write(os.path.join(cd, "safe_sanitized.c"), f"// expect: {safe}\n{C_HEAD}int main(int argc, char **argv) {{\n{body}}}\n")
        write(os.path.join(cd, "safe_api.c"), f"// expect: {safe}\n{C_HEAD}int main(int argc, char **argv) {{\n{src[1]}{w.safe_api}}}\n")
        n += 5
        # C++.
        pd = os.path.join(HERE, "cpp", f"cwe{w.cwe}")
        for s in CPP_SOURCES:
            write(os.path.join(pd, f"vuln_{s[0]}_concat.cpp"), cpp_case(w, s, "concat", f"CWE-{w.cwe}"))
            n += 1
        for f in ("stream", "append"):
            write(os.path.join(pd, f"vuln_cin_{f}.cpp"), cpp_case(w, CPP_SOURCES[0], f, f"CWE-{w.cwe}"))
            n += 1
        const = ("const", '    std::string v = "localhost";\n    (void)argv;\n')
        write(os.path.join(pd, "safe_constant.cpp"), cpp_case(w, const, "concat", safe))
        tern = ("ternary", '    const bool raw = false;\n    std::string v = raw ? std::string(argv[1]) : std::string("localhost");\n')
        write(os.path.join(pd, "safe_ternary.cpp"), cpp_case(w, tern, "concat", safe))
        n += 2
    print(n, "cases")


if __name__ == "__main__":
    main()
