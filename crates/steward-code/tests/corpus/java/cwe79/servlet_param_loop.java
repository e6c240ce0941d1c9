// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = "";
        for (String part : new String[] { v, "x" }) {
            item = part;
        }
        String q = "<p>Hello " + item + "</p>";
        response.getWriter().println(q);
    }
}
