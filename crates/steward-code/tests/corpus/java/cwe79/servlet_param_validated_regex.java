// expect: safe CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        if (!v.matches("[A-Za-z0-9_]{1,32}")) {
            return;
        }
        String item = v;
        String q = "<p>Hello " + item + "</p>";
        response.getWriter().println(q);
    }
}
