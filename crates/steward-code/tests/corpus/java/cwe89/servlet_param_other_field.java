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
        Box box = new Box();
        box.setUser(v);
        box.setRole("admin");
        String item = box.getRole();
        String q = "SELECT * FROM users WHERE name = '" + item + "'";
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(q);
    }
}

class Box {
    private String item;
    private String user;
    private String role;
    public String label;
    public String getItem() { return item; }
    public void setItem(String value) { this.item = value; }
    public String getUser() { return user; }
    public void setUser(String value) { this.user = value; }
    public String getRole() { return role; }
    public void setRole(String value) { this.role = value; }
}
