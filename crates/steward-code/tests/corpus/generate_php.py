#!/usr/bin/env python3
"""Writes the PHP part of the labelled corpus: for each weakness, the same sinks fed from
the superglobals and the process through many kinds of data flow (vulnerable), and the
look-alikes a naive tool flags (safe): constants, overwritten variables and array slots,
dead branches, `define`d flags, ternaries that always pick the constant, casts and
`intval`, sanitisers, prepared statements, validation guards, helpers that drop their
argument. Run it from this directory; it rewrites php/. The first line of each file is
its label, which the scorer (tests/corpus.rs) reads.

Hand-written cases (pattern rules, templates, frameworks) live in php_hand/ and are not
touched by this script.
"""

import os
import shutil

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "php")

# (name, statement binding $v)
WEB_SOURCES = [
    ("get", "$v = $_GET['q'];\n"),
    ("post", "$v = $_POST['q'];\n"),
    ("request", "$v = $_REQUEST['q'];\n"),
    ("cookie", "$v = $_COOKIE['pref'];\n"),
    ("server_header", "$v = $_SERVER['HTTP_X_ITEM'];\n"),
    ("body", "$v = file_get_contents('php://input');\n"),
    ("filter_input", "$v = filter_input(INPUT_GET, 'q');\n"),
    ("coalesce", "$v = $_GET['q'] ?? 'default';\n"),
]
PROCESS_SOURCES = [
    ("argv", "$v = $argv[1];\n"),
    ("getenv", "$v = getenv('TARGET');\n"),
]


class Weakness:
    def __init__(self, cwe, setup, build, sink, sanitize, safe_api, web_only=False,
                 prefix_safe=None, variants=None, safe_variants=None):
        self.cwe = cwe
        self.setup = setup          # statements before the sink
        self.build = build          # style -> expression with {e} (a variable)
        self.sink = sink            # statements with {q}
        self.sanitize = sanitize    # expression with {e}, or None
        self.safe_api = safe_api    # statements with {e}, or None
        self.web_only = web_only
        self.prefix_safe = prefix_safe
        self.variants = variants or {}            # name -> statements with {q}
        self.safe_variants = safe_variants or {}  # name -> statements with {q}
        self.styles = list(build)


W = [
    Weakness(
        89, "",
        {
            "concat": "\"SELECT * FROM users WHERE name = '\" . {e} . \"'\"",
            "interpolated": "\"SELECT * FROM users WHERE name = '{{{e}}}'\"",
            "sprintf": "sprintf(\"SELECT * FROM users WHERE name = '%s'\", {e})",
            "heredoc": "<<<SQL\nSELECT * FROM users WHERE name = '{{{e}}}'\nSQL",
        },
        "$result = mysqli_query($conn, {q});\n",
        "mysqli_real_escape_string($conn, {e})",
        "$st = $pdo->prepare('SELECT * FROM users WHERE name = ?');\n$st->execute([{e}]);\n",
        variants={
            "pdo_query": "$rows = $pdo->query({q})->fetchAll();\n",
            "pdo_exec": "$n = $pdo->exec({q});\n",
            "mysqli_object": "$res = $mysqli->query({q});\n",
            "mysql_legacy": "$res = mysql_query({q});\n",
            "pg_query": "$res = pg_query($db, {q});\n",
            "laravel_raw": "$rows = DB::select({q});\n",
        },
    ),
    Weakness(
        78, "",
        {
            "concat": "\"ping -c 1 \" . {e}",
            "interpolated": "\"ping -c 1 {{{e}}}\"",
            "sprintf": "sprintf('ping -c 1 %s', {e})",
        },
        "system({q});\n",
        "escapeshellarg({e})",
        "$proc = proc_open(['ping', '-c', '1', {e}], [1 => ['pipe', 'w']], $pipes);\n",
        variants={
            "exec": "exec({q}, $output);\n",
            "shell_exec": "$out = shell_exec({q});\n",
            "passthru": "passthru({q});\n",
            "backticks": "$out = `{q}`;\n",
            "popen": "$h = popen({q}, 'r');\n",
        },
    ),
    Weakness(
        94, "",
        {
            "concat": "'return ' . {e} . ';'",
            "interpolated": "\"return {{{e}}};\"",
            "sprintf": "sprintf('return %s;', {e})",
        },
        "$result = eval({q});\n",
        "intval({e})",
        "$result = json_decode({e}, true);\n",
        variants={
            "assert_string": "assert({q});\n",
            "create_function": "$f = create_function('', {q});\n",
            "preg_replace_e": "$out = preg_replace('/(.*)/e', {q}, 'x');\n",
        },
    ),
    Weakness(
        98, "",
        {
            "concat": "'pages/' . {e} . '.php'",
            "interpolated": "\"pages/{{{e}}}.php\"",
            "sprintf": "sprintf('pages/%s.php', {e})",
        },
        "include {q};\n",
        None,
        "$pages = ['home' => 'home.php', 'about' => 'about.php'];\ninclude 'pages/' . ($pages[{e}] ?? 'home.php');\n",
        variants={
            "require_once": "require_once {q};\n",
            "include_once_parenthesized": "include_once({q});\n",
        },
    ),
    Weakness(
        79, "",
        {
            "concat": "\"<p>Hello \" . {e} . \"</p>\"",
            "interpolated": "\"<p>Hello {{{e}}}</p>\"",
            "sprintf": "sprintf('<p>Hello %s</p>', {e})",
            "heredoc": "<<<HTML\n<p>Hello {{{e}}}</p>\nHTML",
        },
        "echo {q};\n",
        "htmlspecialchars({e}, ENT_QUOTES, 'UTF-8')",
        "echo htmlentities({e}, ENT_QUOTES);\n",
        web_only=True,
        variants={
            "print": "print {q};\n",
            "printf": "printf('%s', {q});\n",
            "short_echo_tag": "?>\n<div><?= {q} ?></div>\n<?php\n",
            "die_message": "die({q});\n",
            "echo_list": "echo '<div>', {q}, '</div>';\n",
        },
    ),
    Weakness(
        601, "",
        {
            "direct": "{e}",
            "concat": "{e} . '?from=login'",
            "interpolated": "\"{{{e}}}?from=login\"",
        },
        "header('Location: ' . {q});\nexit;\n",
        None,
        "header('Location: /home');\nexit;\n",
        web_only=True,
        prefix_safe="'/profile/' . {e}",
        variants={
            "location_interpolated": "header(\"Location: {{q}}\");\nexit;\n",
            "location_variable": "$location = 'Location: ' . {q};\nheader($location);\n",
        },
        safe_variants={
            "other_header": "header('X-Trace: ' . bin2hex({q}));\n",
        },
    ),
    Weakness(
        22, "",
        {
            "concat": "'/var/www/uploads/' . {e}",
            "interpolated": "\"/var/www/uploads/{{{e}}}\"",
            "sprintf": "sprintf('/var/www/uploads/%s', {e})",
        },
        "$data = file_get_contents({q});\n",
        "basename({e})",
        None,
        variants={
            "readfile": "readfile({q});\n",
            "fopen": "$h = fopen({q}, 'r');\n",
            "unlink": "unlink({q});\n",
            "file_put_contents": "file_put_contents({q}, 'x');\n",
        },
    ),
    Weakness(
        918, "",
        {
            "direct": "{e}",
            "scheme": "'http://' . {e} . '/status'",
            "interpolated": "\"https://{{{e}}}/api/health\"",
        },
        "$ch = curl_init({q});\ncurl_exec($ch);\n",
        None,
        "$ch = curl_init('https://api.example.com/items?id=' . urlencode({e}));\ncurl_exec($ch);\n",
        prefix_safe="'https://api.example.com/items/' . {e}",
        variants={
            "curl_setopt": "$ch = curl_init();\ncurl_setopt($ch, CURLOPT_URL, {q});\ncurl_exec($ch);\n",
            "get_headers": "$h = get_headers({q});\n",
        },
    ),
    Weakness(
        90, "$ds = ldap_connect('ldap://directory');\n",
        {
            "concat": "'(uid=' . {e} . ')'",
            "interpolated": "\"(uid={{{e}}})\"",
            "sprintf": "sprintf('(uid=%s)', {e})",
        },
        "$r = ldap_search($ds, 'ou=people,dc=example,dc=com', {q});\n",
        "ldap_escape({e}, '', LDAP_ESCAPE_FILTER)",
        None,
        variants={
            "ldap_list": "$r = ldap_list($ds, 'dc=example,dc=com', {q});\n",
        },
    ),
    Weakness(
        643, "$doc = new DOMDocument();\n$doc->load('users.xml');\n$xpath = new DOMXPath($doc);\n",
        {
            "concat": "\"//user[@name='\" . {e} . \"']\"",
            "interpolated": "\"//user[@name='{{{e}}}']\"",
            "sprintf": "sprintf(\"//user[@name='%s']\", {e})",
        },
        "$nodes = $xpath->query({q});\n",
        None,
        None,
        variants={
            "evaluate": "$count = $xpath->evaluate({q});\n",
            "simplexml": "$xml = simplexml_load_file('users.xml');\n$found = $xml->xpath({q});\n",
        },
    ),
    Weakness(
        502, "",
        {
            "direct": "{e}",
            "base64": "base64_decode({e})",
        },
        "$obj = unserialize({q});\n",
        None,
        "$obj = json_decode({e}, true);\n",
        safe_variants={
            "allowed_classes_false": "$obj = unserialize({q}, ['allowed_classes' => false]);\n",
        },
    ),
    Weakness(
        611, "",
        {
            "direct": "{e}",
            "wrapped": "'<root>' . {e} . '</root>'",
        },
        "$doc = simplexml_load_string({q}, 'SimpleXMLElement', LIBXML_NOENT);\n",
        None,
        "$doc = simplexml_load_string({e});\n",
        variants={
            "dom_load_xml": "$dom = new DOMDocument();\n$dom->loadXML({q}, LIBXML_NOENT | LIBXML_DTDLOAD);\n",
        },
        safe_variants={
            "dom_default_flags": "$dom = new DOMDocument();\n$dom->loadXML({q});\n",
        },
    ),
]


def write(path, label, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"<?php // expect: {label}\n{text.rstrip()}\n")


def script(src, body, pre=""):
    return pre + src[1] + body


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for w in W:
        d = os.path.join(OUT, f"cwe{w.cwe}")
        vuln = f"CWE-{w.cwe}"
        safe = f"safe CWE-{w.cwe}"
        sources = WEB_SOURCES if w.web_only else WEB_SOURCES + PROCESS_SOURCES
        first = w.styles[0]
        b = lambda e, style=first: w.build[style].format(e=e)
        sink = lambda q: w.setup + w.sink.replace("{q}", q)
        for s in sources:
            write(f"{d}/{s[0]}_{first}.php", vuln, script(s, f"$q = {b('$v')};\n" + sink("$q")))
        src = WEB_SOURCES[0]
        for style in w.styles[1:]:
            write(f"{d}/{src[0]}_{style}.php", vuln, script(src, f"$q = {b('$v', style)};\n" + sink("$q")))
        for vname, stmts in w.variants.items():
            write(f"{d}/{src[0]}_{vname}.php", vuln,
                  script(src, f"$q = {b('$v')};\n" + w.setup + stmts.replace("{q}", "$q")))
        for vname, stmts in w.safe_variants.items():
            write(f"{d}/{src[0]}_{vname}.php", safe,
                  script(src, f"$q = {b('$v')};\n" + w.setup + stmts.replace("{q}", "$q")))
        flows = {
            "alias_chain": ("$a = $v;\n$b = $a;\n" f"$q = {b('$b')};\n", ""),
            "array_put_get": ("$d = [];\n$d['k'] = $v;\n$item = $d['k'];\n" f"$q = {b('$item')};\n", ""),
            "array_literal": ("$d = ['k' => $v, 'o' => 'x'];\n$item = $d['k'];\n" f"$q = {b('$item')};\n", ""),
            "append_implode": ("$parts = [];\n$parts[] = $v;\n$item = implode(',', $parts);\n" f"$q = {b('$item')};\n", ""),
            "object_property": ("$box = new stdClass();\n$box->item = $v;\n" f"$q = {b('$box->item')};\n", ""),
            "augmented": (f"$q = {b(repr(''))};\n$q .= $v;\n", ""),
            "loop": ("$item = '';\nforeach ([$v, 'x'] as $part) {\n    $item = $part;\n}\n" f"$q = {b('$item')};\n", ""),
            "branch_one_side": ("if (strlen($v) > 3) {\n    $item = $v;\n} else {\n    $item = 'short';\n}\n" f"$q = {b('$item')};\n", ""),
            "ternary_one_side": (f"$item = strlen($v) > 3 ? $v : 'short';\n$q = {b('$item')};\n", ""),
            "list_destructure": ("[$first, $second] = [$v, 'x'];\n" f"$q = {b('$first')};\n", ""),
            "helper_returns": ("$q = build($v);\n", f"function build($x)\n{{\n    return {b('$x')};\n}}\n\n"),
            "static_method": ("$q = Query::build($v);\n",
                              f"class Query\n{{\n    public static function build($x)\n    {{\n        return {b('$x')};\n    }}\n}}\n\n"),
            "closure": ("$wrap = function ($x) {\n    return trim($x);\n};\n" f"$q = {b('$wrap($v)')};\n", ""),
            "superglobal_inline": (f"$q = {b(chr(36) + '_GET[' + repr('q') + ']')};\n", ""),
        }
        for fname, (body, pre) in flows.items():
            write(f"{d}/{src[0]}_{fname}.php", vuln, script(src, body + sink("$q"), pre))
        if not w.web_only:
            proc = PROCESS_SOURCES[0]
            helper = "function run($q)\n{\n" + "".join("    " + l + "\n" for l in sink("$q").splitlines()) + "}\n\n"
            write(f"{d}/{proc[0]}_helper_sinks.php", vuln, script(proc, f"$q = {b('$v')};\nrun($q);\n", helper))
            method = ("class Repo\n{\n    public function run($q)\n    {\n"
                      + "".join("        " + l + "\n" for l in sink("$q").splitlines()) + "    }\n}\n\n")
            write(f"{d}/{proc[0]}_method_sinks.php", vuln,
                  script(proc, f"$q = {b('$v')};\n$repo = new Repo();\n$repo->run($q);\n", method))
        q_item = f"$q = {b('$item')};\n"
        safes = {
            "constant": ("$item = 'admin';\n", ""),
            "overwritten": ("$item = $v;\n$item = 'admin';\n", ""),
            "dead_branch": ("$item = 'admin';\nif (false) {\n    $item = $v;\n}\n", ""),
            "define_flag_off": ("$item = 'admin';\nif (DEBUG) {\n    $item = $v;\n}\n", "define('DEBUG', false);\n"),
            "const_flag_off": ("$item = 'admin';\nif (VERBOSE) {\n    $item = $v;\n}\n", "const VERBOSE = false;\n"),
            "ternary_constant": ("$item = true ? 'admin' : $v;\n", ""),
            "array_overwritten": ("$d = ['k' => $v];\n$d['k'] = 'admin';\n$item = $d['k'];\n", ""),
            "array_other_key": ("$d = ['k' => $v, 'fixed' => 'admin'];\n$item = $d['fixed'];\n", ""),
            "append_overwritten": ("$parts = [];\n$parts[] = $v;\n$parts[0] = 'admin';\n$item = $parts[0];\n", ""),
            "other_property": ("$box = new stdClass();\n$box->user = $v;\n$box->role = 'admin';\n$item = $box->role;\n", ""),
            "helper_drops_arg": ("$item = label($v);\n", "function label($x)\n{\n    return 'user';\n}\n\n"),
            "length_only": ("$item = (string) strlen($v);\n", ""),
            "compare_only": ("$item = $v === 'admin' ? 'yes' : 'no';\n", ""),
            "int_cast": ("$item = (int) $v;\n", ""),
            "intval": ("$item = intval($v);\n", ""),
            "validated_preg_match": ("if (!preg_match('/^[a-z0-9_]+$/i', $v)) {\n    exit('invalid');\n}\n$item = $v;\n", ""),
            "allow_list": ("if (!in_array($v, ['daily', 'weekly'], true)) {\n    die('bad');\n}\n$item = $v;\n", ""),
            "is_numeric_guard": ("if (!is_numeric($v)) {\n    exit;\n}\n$item = $v;\n", ""),
            "filter_validate_int": ("$item = filter_var($v, FILTER_VALIDATE_INT);\n", ""),
            "isset_only": ("$item = isset($_GET['q']) ? 'yes' : 'no';\n", ""),
        }
        for fname, (body, pre) in safes.items():
            write(f"{d}/{src[0]}_{fname}.php", safe, script(src, body + q_item + sink("$q"), pre))
        if w.sanitize:
            write(f"{d}/{src[0]}_sanitized.php", safe,
                  script(src, f"$item = {w.sanitize.format(e='$v')};\n" + q_item + sink("$q")))
            helper = f"function clean($x)\n{{\n    return {w.sanitize.format(e='$x')};\n}}\n\n"
            write(f"{d}/{src[0]}_sanitized_in_helper.php", safe,
                  script(src, "$item = clean($v);\n" + q_item + sink("$q"), helper))
        if w.safe_api:
            write(f"{d}/{src[0]}_safe_api.php", safe, script(src, w.safe_api.format(e="$v")))
        if w.prefix_safe:
            write(f"{d}/{src[0]}_fixed_prefix.php", safe,
                  script(src, f"$q = {w.prefix_safe.format(e='$v')};\n" + sink("$q")))


if __name__ == "__main__":
    main()
