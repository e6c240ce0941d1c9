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

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = "SELECT * FROM users WHERE name = '" + v + "'";
        List<Map<String, Object>> rows = jdbcTemplate.queryForList(q);
        return "ok";
    }
}
