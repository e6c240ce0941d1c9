// expect: safe CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {
    private static final Set<String> ALLOWED = Set.of("daily", "weekly");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        if (!ALLOWED.contains(v)) {
            return;
        }
        String item = v;
        String q = item;
        response.sendRedirect(q);
    }
}
