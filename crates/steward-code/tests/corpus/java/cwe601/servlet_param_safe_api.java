// expect: safe CWE-601
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        response.sendRedirect("/home");
    }
}
