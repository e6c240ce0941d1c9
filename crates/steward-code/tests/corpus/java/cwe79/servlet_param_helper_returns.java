// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {
    private static String build(String x) {
        return "<p>Hello " + x + "</p>";
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = build(v);
        response.getWriter().println(q);
    }
}
