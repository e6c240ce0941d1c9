// expect: CWE-501
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {
    private static String build(String x) {
        return x;
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = build(v);
        request.getSession().setAttribute("item", q);
    }
}
