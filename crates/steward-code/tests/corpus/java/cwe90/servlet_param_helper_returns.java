// expect: CWE-90
import java.util.*;
import javax.servlet.http.*;
import javax.naming.directory.*;
import java.util.Hashtable;

class Handler extends HttpServlet {
    static Hashtable<String, String> env;
    private static String build(String x) {
        return "(uid=" + x + ")";
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = build(v);
        DirContext ctx = new InitialDirContext(env);
        Object found = ctx.search("ou=people,dc=example,dc=com", q, new SearchControls());
    }
}
