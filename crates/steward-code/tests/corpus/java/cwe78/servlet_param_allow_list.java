// expect: safe CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {
    private static final Set<String> ALLOWED = Set.of("daily", "weekly");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        if (!ALLOWED.contains(v)) {
            return;
        }
        String item = v;
        String q = "ping -c 1 " + item;
        Process p = Runtime.getRuntime().exec(q);
    }
}
