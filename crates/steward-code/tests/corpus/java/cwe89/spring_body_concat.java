// expect: CWE-89
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import java.sql.*;
import java.util.*;
import org.springframework.jdbc.core.JdbcTemplate;
import javax.persistence.EntityManager;

@RestController
class Handler {
    static Connection conn;
    static JdbcTemplate jdbcTemplate;
    static EntityManager em;

    @PostMapping("/a")
    public String handle(@RequestBody String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = "SELECT * FROM users WHERE name = '" + v + "'";
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(q);
        return "ok";
    }
}
