// expect: safe CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        int n = Integer.parseInt(v);
        String item = "" + n;
        String q = item;
        response.sendRedirect(q);
    }
}
