// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        List<String> parts = new ArrayList<>();
        parts.add(v);
        String item = parts.get(0);
        String q = "<p>Hello " + item + "</p>";
        response.getWriter().println(q);
    }
}
