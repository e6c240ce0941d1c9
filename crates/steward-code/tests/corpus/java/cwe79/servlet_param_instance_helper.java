// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {
    String wrap(String x) {
        String y = x.trim();
        return "<p>Hello " + y + "</p>";
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = new Handler().wrap(v);
        response.getWriter().println(q);
    }
}
