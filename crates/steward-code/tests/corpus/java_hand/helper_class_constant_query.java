// expect: safe CWE-89
import javax.servlet.http.*;
import java.sql.*;

class Report extends HttpServlet {
    private Connection conn;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String ignored = request.getParameter("q");
        conn.createStatement().executeQuery(Queries.ALL_ORDERS);
    }
}

final class Queries {
    static final String ALL_ORDERS = "SELECT * FROM orders ORDER BY created DESC";
}
