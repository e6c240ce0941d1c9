// expect: CWE-614
import javax.servlet.http.*;

class Login extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        Cookie session = new Cookie("SESSIONID", newSessionId());
        session.setHttpOnly(true);
        session.setPath("/");
        response.addCookie(session);
    }

    private String newSessionId() {
        return java.util.UUID.randomUUID().toString();
    }
}
