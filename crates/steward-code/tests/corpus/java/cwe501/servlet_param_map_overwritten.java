// expect: safe CWE-501
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Map<String, String> m = new HashMap<>();
        m.put("k", v);
        m.put("k", "admin");
        String item = m.get("k");
        String q = item;
        request.getSession().setAttribute("item", q);
    }
}
