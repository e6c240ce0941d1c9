// expect: CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q;
        try {
            q = v;
        } finally {
            System.out.println("done");
        }
        response.sendRedirect(q);
    }
}
