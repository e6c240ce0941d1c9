// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getHeader("X-Item");
        String q = "<p>Hello " + v + "</p>";
        response.getWriter().println(q);
    }
}
