// expect: safe CWE-90
import java.util.*;
import javax.servlet.http.*;
import javax.naming.directory.*;
import java.util.Hashtable;

class Handler extends HttpServlet {
    static Hashtable<String, String> env;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Map<String, String> m = new HashMap<>();
        m.put("k", v);
        m.put("fixed", "admin");
        String item = m.get("fixed");
        String q = "(uid=" + item + ")";
        DirContext ctx = new InitialDirContext(env);
        Object found = ctx.search("ou=people,dc=example,dc=com", q, new SearchControls());
    }
}
