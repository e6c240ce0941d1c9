// expect: safe CWE-501
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {
    private static long count(String x) {
        return Long.parseLong(x);
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = "" + count(v);
        String q = item;
        request.getSession().setAttribute("item", q);
    }
}
