// expect: CWE-89
import javax.servlet.http.*;
import java.sql.*;

class Audit extends HttpServlet {
    private Connection conn;
    private String user;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        this.user = request.getParameter("user");
        record();
    }

    private void record() throws Exception {
        conn.createStatement().executeUpdate("INSERT INTO audit(user) VALUES ('" + user + "')");
    }
}
