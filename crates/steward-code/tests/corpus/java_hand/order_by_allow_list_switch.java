// expect: safe CWE-89
import javax.servlet.http.*;
import java.sql.*;

class Items extends HttpServlet {
    private Connection conn;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String column;
        switch (request.getParameter("sort")) {
            case "price":
                column = "price";
                break;
            case "name":
                column = "name";
                break;
            default:
                column = "id";
        }
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM items ORDER BY " + column);
    }
}
