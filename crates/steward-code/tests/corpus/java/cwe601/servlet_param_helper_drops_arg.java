// expect: safe CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {
    private static String label(String x) {
        return "user";
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = label(v);
        String q = item;
        response.sendRedirect(q);
    }
}
