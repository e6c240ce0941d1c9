// expect: CWE-89
import javax.servlet.http.*;
import java.sql.*;

class Items extends HttpServlet {
    private Connection conn;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String sort = request.getParameter("sort");
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM items WHERE owner = ? ORDER BY " + sort);
        ps.setString(1, request.getRemoteUser());
        ResultSet rs = ps.executeQuery();
    }
}
