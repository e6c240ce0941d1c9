// expect: safe CWE-89
import java.util.*;
import javax.servlet.http.*;
import java.sql.*;
import java.util.*;
import org.springframework.jdbc.core.JdbcTemplate;
import javax.persistence.EntityManager;

class Handler extends HttpServlet {
    static Connection conn;
    static JdbcTemplate jdbcTemplate;
    static EntityManager em;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        List<String> parts = new ArrayList<>();
        parts.add(v);
        parts.set(0, "admin");
        String item = parts.get(0);
        String q = "SELECT * FROM users WHERE name = '" + item + "'";
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(q);
    }
}
