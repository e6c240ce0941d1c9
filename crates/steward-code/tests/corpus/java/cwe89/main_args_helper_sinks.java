// expect: CWE-89
import java.util.*;
import java.sql.*;
import java.util.*;
import org.springframework.jdbc.core.JdbcTemplate;
import javax.persistence.EntityManager;

class Handler {
    static Connection conn;
    static JdbcTemplate jdbcTemplate;
    static EntityManager em;
    private static void run(String q) throws Exception {
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(q);
    }

    public static void main(String[] args) throws Exception {
        String v = args[0];
        String q = "SELECT * FROM users WHERE name = '" + v + "'";
        run(q);
    }
}
