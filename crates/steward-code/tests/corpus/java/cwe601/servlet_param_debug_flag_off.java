// expect: safe CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {
    private static final boolean DEBUG = false;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = "admin";
        if (DEBUG) {
            item = v;
        }
        String q = item;
        response.sendRedirect(q);
    }
}
