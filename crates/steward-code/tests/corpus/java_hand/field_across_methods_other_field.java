// expect: safe CWE-89
import javax.servlet.http.*;
import java.sql.*;

class Audit extends HttpServlet {
    private Connection conn;
    private String user;
    private String action = "view";

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        this.user = request.getParameter("user");
        record();
    }

    private void record() throws Exception {
        PreparedStatement ps = conn.prepareStatement("INSERT INTO audit(user, action) VALUES (?, '" + action + "')");
        ps.setString(1, user);
        ps.executeUpdate();
    }
}
