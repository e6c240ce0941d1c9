// expect: safe CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {
    private static String label(String x) {
        return "user";
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = label(v);
        String q = "ping -c 1 " + item;
        Process p = Runtime.getRuntime().exec(q);
    }
}
