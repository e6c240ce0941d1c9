// expect: CWE-90
import java.util.*;
import javax.servlet.http.*;
import javax.naming.directory.*;
import java.util.Hashtable;

class Handler extends HttpServlet {
    static Hashtable<String, String> env;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getHeader("X-Item");
        String q = "(uid=" + v + ")";
        DirContext ctx = new InitialDirContext(env);
        Object found = ctx.search("ou=people,dc=example,dc=com", q, new SearchControls());
    }
}
