// expect: CWE-501
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {
    String wrap(String x) {
        String y = x.trim();
        return y;
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = new Handler().wrap(v);
        request.getSession().setAttribute("item", q);
    }
}
