// expect: safe CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String[] parts = { v, "x" };
        parts[0] = "admin";
        String item = parts[0];
        String q = item;
        response.sendRedirect(q);
    }
}
