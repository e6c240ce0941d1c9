// expect: CWE-89
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;
import java.util.*;

@RestController
class Orders {
    private final JdbcTemplate jdbc;

    Orders(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    @GetMapping("/orders")
    public List<Map<String, Object>> list(String status) {
        return jdbc.queryForList("SELECT * FROM orders WHERE status = '" + status + "'");
    }
}
