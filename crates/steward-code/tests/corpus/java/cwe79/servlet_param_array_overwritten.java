// expect: safe CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String[] parts = { v, "x" };
        parts[0] = "admin";
        String item = parts[0];
        String q = "<p>Hello " + item + "</p>";
        response.getWriter().println(q);
    }
}
