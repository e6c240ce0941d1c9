// expect: CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {
    String wrap(String x) {
        String y = x.trim();
        return "ping -c 1 " + y;
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = new Handler().wrap(v);
        Process p = Runtime.getRuntime().exec(q);
    }
}
