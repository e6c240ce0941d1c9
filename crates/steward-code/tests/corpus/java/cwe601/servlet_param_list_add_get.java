// expect: CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        List<String> parts = new ArrayList<>();
        parts.add(v);
        String item = parts.get(0);
        String q = item;
        response.sendRedirect(q);
    }
}
