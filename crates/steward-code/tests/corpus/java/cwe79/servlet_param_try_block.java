// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q;
        try {
            q = "<p>Hello " + v + "</p>";
        } finally {
            System.out.println("done");
        }
        response.getWriter().println(q);
    }
}
