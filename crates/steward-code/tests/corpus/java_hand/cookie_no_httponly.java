// expect: CWE-1004
import javax.servlet.http.*;

class Login extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        Cookie session = new Cookie("SESSIONID", java.util.UUID.randomUUID().toString());
        session.setSecure(true);
        response.addCookie(session);
    }
}
