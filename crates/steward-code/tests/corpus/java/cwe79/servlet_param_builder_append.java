// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        StringBuilder sb = new StringBuilder();
        sb.append("id:").append(v);
        String item = sb.toString();
        String q = "<p>Hello " + item + "</p>";
        response.getWriter().println(q);
    }
}
