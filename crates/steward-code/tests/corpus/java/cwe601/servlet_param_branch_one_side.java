// expect: CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item;
        if (v.length() > 3) {
            item = v;
        } else {
            item = "short";
        }
        String q = item;
        response.sendRedirect(q);
    }
}
