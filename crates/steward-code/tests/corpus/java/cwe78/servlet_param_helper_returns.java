// expect: CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {
    private static String build(String x) {
        return "ping -c 1 " + x;
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = build(v);
        Process p = Runtime.getRuntime().exec(q);
    }
}
