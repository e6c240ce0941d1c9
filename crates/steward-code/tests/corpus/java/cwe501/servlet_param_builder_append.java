// expect: CWE-501
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        StringBuilder sb = new StringBuilder();
        sb.append("id:").append(v);
        String item = sb.toString();
        String q = item;
        request.getSession().setAttribute("item", q);
    }
}
