// expect: safe CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        List<String> parts = new ArrayList<>();
        parts.add(v);
        parts.set(0, "admin");
        String item = parts.get(0);
        String q = item;
        response.sendRedirect(q);
    }
}
