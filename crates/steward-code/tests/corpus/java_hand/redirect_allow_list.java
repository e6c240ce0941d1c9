// expect: safe CWE-601
import javax.servlet.http.*;
import java.util.Set;

class Login extends HttpServlet {
    private static final Set<String> TARGETS = Set.of("/home", "/account", "/orders");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String next = request.getParameter("next");
        if (TARGETS.contains(next)) {
            response.sendRedirect(next);
        } else {
            response.sendRedirect("/home");
        }
    }
}
