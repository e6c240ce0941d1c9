#!/usr/bin/env python3
"""Writes the Java part of the labelled corpus: for each weakness, the same sinks fed from
Servlet and Spring sources through many kinds of data flow (vulnerable), and the
look-alikes a naive tool flags (safe): constants, overwritten variables, map entries and
list elements, dead branches, constant flags, ternaries that always pick the constant,
sanitised values, parameterised APIs, values converted to numbers, validation guards,
helpers that drop their argument. Run it from this directory; it rewrites java/. The first
line of each file is its label, which the scorer (tests/corpus.rs) reads.

Hand-written cases (pattern rules, framework idioms) live in java_hand/ and are not touched
by this script.
"""

import os
import shutil

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "java")

SERVLET = ("servlet", "import javax.servlet.http.*;\n", "class Handler extends HttpServlet",
           "    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {\n")
SPRING_HEAD = ("spring", "import org.springframework.web.bind.annotation.*;\nimport javax.servlet.http.*;\n",
               "@RestController\nclass Handler")
MAIN = ("main", "", "class Handler", "    public static void main(String[] args) throws Exception {\n")


def spring(annotation, mapping='@GetMapping("/a")'):
    return ("spring", SPRING_HEAD[1], SPRING_HEAD[2],
            f"    {mapping}\n    public String handle({annotation} String v, HttpServletRequest request, "
            "HttpServletResponse response) throws Exception {\n")


# (name, framework, imports, class header, method header, statements binding `v`)
WEB_SOURCES = [
    ("servlet_param",) + SERVLET + ('        String v = request.getParameter("q");\n',),
    ("servlet_header",) + SERVLET + ('        String v = request.getHeader("X-Item");\n',),
    ("servlet_cookie",) + SERVLET + ('        Cookie[] cookies = request.getCookies();\n        String v = cookies[0].getValue();\n',),
    ("servlet_query",) + SERVLET + ("        String v = request.getQueryString();\n",),
    ("spring_param",) + spring('@RequestParam("q")') + ("",),
    ("spring_path",) + spring('@PathVariable("q")', '@GetMapping("/a/{q}")') + ("",),
    ("spring_body",) + spring("@RequestBody", '@PostMapping("/a")') + ("",),
    ("spring_header",) + spring('@RequestHeader("X-Item")') + ("",),
]
PROCESS_SOURCES = [
    ("main_args",) + MAIN + ("        String v = args[0];\n",),
    ("env",) + MAIN + ('        String v = System.getenv("TARGET");\n',),
]


class Weakness:
    def __init__(self, cwe, imports, members, setup, build, sink, sanitize, safe_api,
                 web_only=False, prefix_safe=None, spring_sink=None, variants=None):
        self.cwe = cwe
        self.imports = imports
        self.members = members      # class members (static, so `main` sees them)
        self.setup = setup          # statements before the sink
        self.build = build          # style -> expression with {e}
        self.sink = sink            # statements with {q}
        self.spring_sink = spring_sink or sink
        self.sanitize = sanitize    # (imports, expression with {e}) or None
        self.safe_api = safe_api    # (imports, statements with {e}) or None
        self.web_only = web_only
        self.prefix_safe = prefix_safe
        self.variants = variants or {}  # name -> (imports, statements with {q}): other sinks
        self.styles = list(build)


W = [
    Weakness(
        89, "import java.sql.*;\nimport java.util.*;\nimport org.springframework.jdbc.core.JdbcTemplate;\nimport javax.persistence.EntityManager;\n",
        "    static Connection conn;\n    static JdbcTemplate jdbcTemplate;\n    static EntityManager em;\n", "",
        {
            "concat": "\"SELECT * FROM users WHERE name = '\" + {e} + \"'\"",
            "format": "String.format(\"SELECT * FROM users WHERE name = '%s'\", {e})",
            "builder": "new StringBuilder(\"SELECT * FROM users WHERE name = '\").append({e}).append(\"'\").toString()",
        },
        "        Statement st = conn.createStatement();\n        ResultSet rs = st.executeQuery({q});\n",
        ("", "String.valueOf(Integer.parseInt({e}))"),
        ("", "        PreparedStatement ps = conn.prepareStatement(\"SELECT * FROM users WHERE name = ?\");\n"
             "        ps.setString(1, {e});\n        ResultSet rs = ps.executeQuery();\n"),
        variants={
            "jdbc_template": ("", "        List<Map<String, Object>> rows = jdbcTemplate.queryForList({q});\n"),
            "native_query": ("", "        List<?> rows = em.createNativeQuery({q}).getResultList();\n"),
            "prepare_concat": ("", "        PreparedStatement ps = conn.prepareStatement({q});\n        ps.executeQuery();\n"),
            "add_batch": ("", "        Statement st = conn.createStatement();\n        st.addBatch({q});\n        st.executeBatch();\n"),
        },
    ),
    Weakness(
        78, "import java.io.*;\n", "", "",
        {
            "concat": "\"ping -c 1 \" + {e}",
            "format": "String.format(\"ping -c 1 %s\", {e})",
            "builder": "new StringBuilder(\"ping -c 1 \").append({e}).toString()",
        },
        "        Process p = Runtime.getRuntime().exec({q});\n",
        ("import org.owasp.esapi.ESAPI;\nimport org.owasp.esapi.codecs.UnixCodec;\n",
         "ESAPI.encoder().encodeForOS(new UnixCodec(), {e})"),
        ("", "        Process p = new ProcessBuilder(\"ping\", \"-c\", \"1\", {e}).start();\n"),
        variants={
            "process_builder_shell": ("", "        Process p = new ProcessBuilder(\"sh\", \"-c\", {q}).start();\n"),
            "runtime_variable": ("", "        Runtime rt = Runtime.getRuntime();\n        Process p = rt.exec({q});\n"),
            "exec_array": ("", "        String[] cmd = {{ \"/bin/sh\", \"-c\", {q} }};\n        Process p = Runtime.getRuntime().exec(cmd);\n"),
        },
    ),
    Weakness(
        79, "import java.io.*;\n", "", "",
        {
            "concat": "\"<p>Hello \" + {e} + \"</p>\"",
            "format": "String.format(\"<p>Hello %s</p>\", {e})",
            "builder": "new StringBuilder(\"<p>Hello \").append({e}).append(\"</p>\").toString()",
        },
        "        response.getWriter().println({q});\n",
        ("import org.owasp.encoder.Encode;\n", "Encode.forHtml({e})"),
        ("", "        request.setAttribute(\"name\", {e});\n        request.getRequestDispatcher(\"/hello.jsp\").forward(request, response);\n"),
        web_only=True,
        spring_sink="        return {q};\n",
        variants={
            "writer_variable": ("", "        PrintWriter out = response.getWriter();\n        out.print({q});\n"),
            "writer_write": ("", "        response.getWriter().write({q});\n"),
            "writer_printf": ("", "        response.getWriter().printf(\"%s\", {q});\n"),
        },
    ),
    Weakness(
        22, "import java.io.*;\nimport java.nio.file.*;\n", "", "",
        {
            "concat": "\"/srv/files/\" + {e}",
            "format": "String.format(\"/srv/files/%s\", {e})",
            "builder": "new StringBuilder(\"/srv/files/\").append({e}).toString()",
        },
        "        FileInputStream in = new FileInputStream({q});\n",
        ("import org.apache.commons.io.FilenameUtils;\n", "FilenameUtils.getName({e})"),
        None,
        variants={
            "new_file": ("", "        File f = new File({q});\n        byte[] data = Files.readAllBytes(f.toPath());\n"),
            "paths_get": ("", "        byte[] data = Files.readAllBytes(Paths.get({q}));\n"),
            "file_writer": ("", "        FileWriter w = new FileWriter({q});\n        w.write(\"x\");\n"),
        },
    ),
    Weakness(
        601, "", "", "",
        {
            "direct": "{e}",
            "concat": "{e} + \"?from=login\"",
            "format": "String.format(\"%s?from=login\", {e})",
        },
        "        response.sendRedirect({q});\n",
        None,
        ("", "        response.sendRedirect(\"/home\");\n"),
        web_only=True,
        prefix_safe="\"/profile/\" + {e}",
        variants={
            "location_header": ("", "        response.setStatus(302);\n        response.setHeader(\"Location\", {q});\n"),
        },
    ),
    Weakness(
        643, "import javax.xml.xpath.*;\nimport org.w3c.dom.Document;\n", "    static Document doc;\n",
        "        XPath xpath = XPathFactory.newInstance().newXPath();\n",
        {
            "concat": "\"//user[@name='\" + {e} + \"']/email\"",
            "format": "String.format(\"//user[@name='%s']/email\", {e})",
            "builder": "new StringBuilder(\"//user[@name='\").append({e}).append(\"']/email\").toString()",
        },
        "        String found = xpath.evaluate({q}, doc);\n",
        ("import org.owasp.esapi.ESAPI;\n", "ESAPI.encoder().encodeForXPath({e})"),
        ("", "        XPath xpath = XPathFactory.newInstance().newXPath();\n"
             "        xpath.setXPathVariableResolver(name -> {e});\n"
             "        String found = xpath.evaluate(\"//user[@name=$name]/email\", doc);\n"),
        variants={
            "compile": ("", "        XPathExpression expr = xpath.compile({q});\n        String found = expr.evaluate(doc);\n"),
        },
    ),
    Weakness(
        90, "import javax.naming.directory.*;\nimport java.util.Hashtable;\n", "    static Hashtable<String, String> env;\n",
        "        DirContext ctx = new InitialDirContext(env);\n",
        {
            "concat": "\"(uid=\" + {e} + \")\"",
            "format": "String.format(\"(uid=%s)\", {e})",
            "builder": "new StringBuilder(\"(uid=\").append({e}).append(\")\").toString()",
        },
        "        Object found = ctx.search(\"ou=people,dc=example,dc=com\", {q}, new SearchControls());\n",
        ("import org.springframework.ldap.support.LdapEncoder;\n", "LdapEncoder.filterEncode({e})"),
        ("", "        DirContext ctx = new InitialDirContext(env);\n"
             "        Object found = ctx.search(\"ou=people,dc=example,dc=com\", \"(uid={{0}})\", new Object[] {{ {e} }}, new SearchControls());\n"),
    ),
    Weakness(
        918, "import java.net.*;\nimport java.io.*;\nimport org.springframework.web.client.RestTemplate;\n", "", "",
        {
            "direct": "{e}",
            "scheme": "\"http://\" + {e} + \"/status\"",
            "format": "String.format(\"https://%s/api/health\", {e})",
        },
        "        URL url = new URL({q});\n        InputStream in = url.openStream();\n",
        None,
        ("", "        URL url = new URL(\"https://api.example.com/items?id=\" + URLEncoder.encode({e}, \"UTF-8\"));\n        InputStream in = url.openStream();\n"),
        prefix_safe="\"https://api.example.com/items/\" + {e}",
        variants={
            "open_connection": ("", "        HttpURLConnection c = (HttpURLConnection) new URL({q}).openConnection();\n        c.connect();\n"),
            "rest_template": ("", "        String body = new RestTemplate().getForObject({q}, String.class);\n"),
        },
    ),
    Weakness(
        502, "import java.io.*;\nimport java.util.*;\nimport com.fasterxml.jackson.databind.ObjectMapper;\n", "", "",
        {
            "base64": "Base64.getDecoder().decode({e})",
            "bytes": "{e}.getBytes()",
        },
        "        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream({q}));\n        Object o = in.readObject();\n",
        None,
        ("", "        Map<?, ?> o = new ObjectMapper().readValue({e}, Map.class);\n"),
    ),
    Weakness(
        94, "import javax.script.*;\n", "",
        "        ScriptEngine engine = new ScriptEngineManager().getEngineByName(\"javascript\");\n",
        {
            "concat": "\"total(\" + {e} + \")\"",
            "format": "String.format(\"total(%s)\", {e})",
            "builder": "new StringBuilder(\"total(\").append({e}).append(\")\").toString()",
        },
        "        Object result = engine.eval({q});\n",
        ("", "String.valueOf(Integer.parseInt({e}))"),
        ("", "        ScriptEngine engine = new ScriptEngineManager().getEngineByName(\"javascript\");\n"
             "        engine.put(\"input\", {e});\n        Object result = engine.eval(\"total(input)\");\n"),
    ),
    Weakness(
        501, "", "", "",
        {
            "direct": "{e}",
            "concat": "\"pref:\" + {e}",
        },
        "        request.getSession().setAttribute(\"item\", {q});\n",
        None,
        ("", "        request.getSession().setAttribute(\"item\", \"visited\");\n"),
        web_only=True,
        variants={
            "session_variable": ("", "        HttpSession session = request.getSession();\n        session.setAttribute(\"item\", {q});\n"),
        },
    ),
]

EMPTY = '""'

BOX = """
class Box {
    private String item;
    private String user;
    private String role;
    public String label;
    public String getItem() { return item; }
    public void setItem(String value) { this.item = value; }
    public String getUser() { return user; }
    public void setUser(String value) { this.user = value; }
    public String getRole() { return role; }
    public void setRole(String value) { this.role = value; }
}
"""
HOLDER = """
class Holder {
    private final String value;
    Holder(String value) { this.value = value; }
    String value() { return value; }
}

record Item(String name) {}
"""


def case(w, src, body, members="", extra="", extra_imports=""):
    name, framework, imports, class_head, method_head, bind = src
    text = "import java.util.*;\n" + imports + w.imports + extra_imports + "\n"
    text += class_head + " {\n" + w.members + members + "\n" + method_head + bind + body
    if framework == "spring" and not body.rstrip().split("\n")[-1].strip().startswith("return"):
        text += '        return "ok";\n'
    text += "    }\n}\n" + extra
    return text


def write(path, label, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"// expect: {label}\n{text.rstrip()}\n")


def sink_of(w, src, q):
    s = w.spring_sink if src[1] == "spring" else w.sink
    return w.setup + s.replace("{q}", q)


def early_return(src):
    return '            return "rejected";\n' if src[1] == "spring" else "            return;\n"


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for w in W:
        d = os.path.join(OUT, f"cwe{w.cwe}")
        vuln = f"CWE-{w.cwe}"
        safe = f"safe CWE-{w.cwe}"
        sources = WEB_SOURCES if w.web_only else WEB_SOURCES + PROCESS_SOURCES
        first = w.styles[0]
        # Every source, through the first style, straight into the sink.
        for s in sources:
            q = w.build[first].format(e="v")
            write(f"{d}/{s[0]}_{first}.java", vuln, case(w, s, f"        String q = {q};\n" + sink_of(w, s, "q")))
        src = WEB_SOURCES[0]
        spring_src = WEB_SOURCES[4]
        # Every style of building the value.
        for style in w.styles[1:]:
            q = w.build[style].format(e="v")
            write(f"{d}/{src[0]}_{style}.java", vuln, case(w, src, f"        String q = {q};\n" + sink_of(w, src, "q")))
        # Other sinks of the same weakness.
        for vname, (imp, stmts) in w.variants.items():
            q = w.build[first].format(e="v")
            write(f"{d}/{spring_src[0]}_{vname}.java", vuln,
                  case(w, spring_src, f"        String q = {q};\n" + w.setup + stmts.replace("{q}", "q"), extra_imports=imp))
        b = lambda e: w.build[first].format(e=e)
        flows = {
            "alias_chain": ("        String a = v;\n        String b = a;\n" + f"        String q = {b('b')};\n", "", ""),
            "builder_append": ("        StringBuilder sb = new StringBuilder();\n        sb.append(\"id:\").append(v);\n"
                               f"        String item = sb.toString();\n        String q = {b('item')};\n", "", ""),
            "list_add_get": ("        List<String> parts = new ArrayList<>();\n        parts.add(v);\n"
                             f"        String item = parts.get(0);\n        String q = {b('item')};\n", "", ""),
            "map_put_get": ("        Map<String, String> m = new HashMap<>();\n        m.put(\"k\", v);\n"
                            f"        String item = m.get(\"k\");\n        String q = {b('item')};\n", "", ""),
            "bean_setter_getter": ("        Box box = new Box();\n        box.setItem(v);\n"
                                   f"        String item = box.getItem();\n        String q = {b('item')};\n", "", BOX),
            "public_field": ("        Box box = new Box();\n        box.label = v;\n"
                             f"        String q = {b('box.label')};\n", "", BOX),
            "constructor_field": ("        Holder h = new Holder(v);\n"
                                  f"        String item = h.value();\n        String q = {b('item')};\n", "", HOLDER),
            "record_component": ("        Item it = new Item(v);\n"
                                 f"        String q = {b('it.name()')};\n", "", HOLDER),
            "augmented": (f"        String q = {b(EMPTY)};\n        q += v;\n", "", ""),
            "loop": ("        String item = \"\";\n        for (String part : new String[] { v, \"x\" }) {\n            item = part;\n        }\n"
                     f"        String q = {b('item')};\n", "", ""),
            "branch_one_side": ("        String item;\n        if (v.length() > 3) {\n            item = v;\n        } else {\n            item = \"short\";\n        }\n"
                                f"        String q = {b('item')};\n", "", ""),
            "ternary_one_side": (f"        String item = v.isEmpty() ? \"none\" : v;\n        String q = {b('item')};\n", "", ""),
            "helper_returns": ("        String q = build(v);\n",
                               f"    private static String build(String x) {{\n        return {b('x')};\n    }}\n", ""),
            "instance_helper": ("        String q = new Handler().wrap(v);\n",
                                f"    String wrap(String x) {{\n        String y = x.trim();\n        return {b('y')};\n    }}\n", ""),
            "try_block": ("        String q;\n        try {\n" f"            q = {b('v')};\n" "        } finally {\n            System.out.println(\"done\");\n        }\n", "", ""),
        }
        for fname, (body, members, extra) in flows.items():
            write(f"{d}/{src[0]}_{fname}.java", vuln,
                  case(w, src, body + sink_of(w, src, "q"), members=members, extra=extra))
        if not w.web_only:
            proc = PROCESS_SOURCES[0]
            helper = ("    private static void run(String q) throws Exception {\n" + w.setup
                      + w.sink.replace("{q}", "q") + "    }\n")
            write(f"{d}/{proc[0]}_helper_sinks.java", vuln,
                  case(w, proc, f"        String q = {b('v')};\n        run(q);\n", members=helper))
        # --- safe look-alikes ---
        q_item = f"        String q = {b('item')};\n"
        ret = early_return(src)
        safes = {
            "constant": ("        String item = \"admin\";\n", "", ""),
            "overwritten": ("        String item = v;\n        item = \"admin\";\n", "", ""),
            "dead_branch": ("        String item = \"admin\";\n        if (false) {\n            item = v;\n        }\n", "", ""),
            "debug_flag_off": ("        String item = \"admin\";\n        if (DEBUG) {\n            item = v;\n        }\n",
                               "    private static final boolean DEBUG = false;\n", ""),
            "ternary_constant": ("        String item = true ? \"admin\" : v;\n", "", ""),
            "map_overwritten": ("        Map<String, String> m = new HashMap<>();\n        m.put(\"k\", v);\n        m.put(\"k\", \"admin\");\n"
                                "        String item = m.get(\"k\");\n", "", ""),
            "map_other_key": ("        Map<String, String> m = new HashMap<>();\n        m.put(\"k\", v);\n        m.put(\"fixed\", \"admin\");\n"
                              "        String item = m.get(\"fixed\");\n", "", ""),
            "list_set_overwritten": ("        List<String> parts = new ArrayList<>();\n        parts.add(v);\n        parts.set(0, \"admin\");\n"
                                     "        String item = parts.get(0);\n", "", ""),
            "list_other_index": ("        List<String> parts = new ArrayList<>();\n        parts.add(v);\n        parts.add(\"admin\");\n"
                                 "        String item = parts.get(1);\n", "", ""),
            "array_overwritten": ("        String[] parts = { v, \"x\" };\n        parts[0] = \"admin\";\n        String item = parts[0];\n", "", ""),
            "other_field": ("        Box box = new Box();\n        box.setUser(v);\n        box.setRole(\"admin\");\n        String item = box.getRole();\n", "", BOX),
            "helper_drops_arg": ("        String item = label(v);\n",
                                 "    private static String label(String x) {\n        return \"user\";\n    }\n", ""),
            "length_only": ("        String item = String.valueOf(v.length());\n", "", ""),
            "compare_only": ("        String item = v.equals(\"admin\") ? \"yes\" : \"no\";\n", "", ""),
            "numeric": ("        int n = Integer.parseInt(v);\n        String item = \"\" + n;\n", "", ""),
            "numeric_helper": ("        String item = \"\" + count(v);\n",
                               "    private static long count(String x) {\n        return Long.parseLong(x);\n    }\n", ""),
            "validated_regex": ("        if (!v.matches(\"[A-Za-z0-9_]{1,32}\")) {\n" + ret + "        }\n        String item = v;\n", "", ""),
            "allow_list": ("        if (!ALLOWED.contains(v)) {\n" + ret + "        }\n        String item = v;\n",
                           "    private static final Set<String> ALLOWED = Set.of(\"daily\", \"weekly\");\n", ""),
            "equals_constant": ("        String item = \"guest\";\n        if (\"admin\".equals(v)) {\n            item = v;\n        }\n", "", ""),
        }
        for fname, (body, members, extra) in safes.items():
            write(f"{d}/{src[0]}_{fname}.java", safe,
                  case(w, src, body + q_item + sink_of(w, src, "q"), members=members, extra=extra))
        if w.sanitize:
            imp, tmpl = w.sanitize
            item = tmpl.format(e="v")
            write(f"{d}/{src[0]}_sanitized.java", safe,
                  case(w, src, f"        String item = {item};\n" + q_item + sink_of(w, src, "q"), extra_imports=imp))
            helper = f"    private static String clean(String x) {{\n        return {tmpl.format(e='x')};\n    }}\n"
            write(f"{d}/{src[0]}_sanitized_in_helper.java", safe,
                  case(w, src, "        String item = clean(v);\n" + q_item + sink_of(w, src, "q"),
                       members=helper, extra_imports=imp))
        if w.safe_api:
            imp, lines = w.safe_api
            write(f"{d}/{src[0]}_safe_api.java", safe, case(w, src, lines.format(e="v"), extra_imports=imp))
        if w.prefix_safe:
            q = w.prefix_safe.format(e="v")
            write(f"{d}/{src[0]}_fixed_prefix.java", safe, case(w, src, f"        String q = {q};\n" + sink_of(w, src, "q")))


if __name__ == "__main__":
    main()
