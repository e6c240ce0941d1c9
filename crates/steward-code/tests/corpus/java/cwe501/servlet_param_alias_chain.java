// expect: CWE-501
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String a = v;
        String b = a;
        String q = b;
        request.getSession().setAttribute("item", q);
    }
}
