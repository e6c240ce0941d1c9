// expect: safe CWE-90
import java.util.*;
import javax.servlet.http.*;
import javax.naming.directory.*;
import java.util.Hashtable;

class Handler extends HttpServlet {
    static Hashtable<String, String> env;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        int n = Integer.parseInt(v);
        String item = "" + n;
        String q = "(uid=" + item + ")";
        DirContext ctx = new InitialDirContext(env);
        Object found = ctx.search("ou=people,dc=example,dc=com", q, new SearchControls());
    }
}
