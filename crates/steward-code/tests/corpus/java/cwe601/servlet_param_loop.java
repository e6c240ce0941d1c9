// expect: CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = "";
        for (String part : new String[] { v, "x" }) {
            item = part;
        }
        String q = item;
        response.sendRedirect(q);
    }
}
