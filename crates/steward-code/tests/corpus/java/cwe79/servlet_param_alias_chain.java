// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String a = v;
        String b = a;
        String q = "<p>Hello " + b + "</p>";
        response.getWriter().println(q);
    }
}
