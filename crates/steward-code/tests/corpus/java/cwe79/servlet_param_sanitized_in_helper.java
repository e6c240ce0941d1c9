// expect: safe CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import org.owasp.encoder.Encode;

class Handler extends HttpServlet {
    private static String clean(String x) {
        return Encode.forHtml(x);
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = clean(v);
        String q = "<p>Hello " + item + "</p>";
        response.getWriter().println(q);
    }
}
