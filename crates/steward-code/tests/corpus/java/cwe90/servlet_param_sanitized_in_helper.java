// expect: safe CWE-90
import java.util.*;
import javax.servlet.http.*;
import javax.naming.directory.*;
import java.util.Hashtable;
import org.springframework.ldap.support.LdapEncoder;

class Handler extends HttpServlet {
    static Hashtable<String, String> env;
    private static String clean(String x) {
        return LdapEncoder.filterEncode(x);
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = clean(v);
        String q = "(uid=" + item + ")";
        DirContext ctx = new InitialDirContext(env);
        Object found = ctx.search("ou=people,dc=example,dc=com", q, new SearchControls());
    }
}
