// expect: CWE-89
import javax.servlet.http.*;
import java.sql.*;

class Prefs extends HttpServlet {
    private Connection conn;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String theme = "default";
        for (Cookie c : request.getCookies()) {
            if (c.getName().equals("theme")) {
                theme = c.getValue();
            }
        }
        conn.createStatement().executeUpdate("UPDATE prefs SET theme = '" + theme + "'");
    }
}
