// expect: safe CWE-89
import javax.servlet.http.*;
import java.sql.*;

class CustomerSearch {
    private final Connection conn;
    private String name;

    CustomerSearch(Connection conn) {
        this.conn = conn;
    }

    void setName(String name) {
        this.name = name == null ? "" : name.trim();
    }

    ResultSet find() throws SQLException {
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM customers WHERE name = ?");
        ps.setString(1, name);
        return ps.executeQuery();
    }
}

public class SearchServlet extends HttpServlet {
    private Connection conn;

    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {
        CustomerSearch search = new CustomerSearch(conn);
        search.setName(req.getParameter("name"));
        search.find();
    }
}
