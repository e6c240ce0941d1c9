// expect: safe CWE-614
import javax.servlet.http.*;

class Login extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        Cookie session = new Cookie("SESSIONID", java.util.UUID.randomUUID().toString());
        session.setHttpOnly(true);
        session.setSecure(true);
        response.addCookie(session);
    }
}
