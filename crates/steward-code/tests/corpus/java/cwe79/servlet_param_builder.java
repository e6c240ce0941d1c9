// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = new StringBuilder("<p>Hello ").append(v).append("</p>").toString();
        response.getWriter().println(q);
    }
}
