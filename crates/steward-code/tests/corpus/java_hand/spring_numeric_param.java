// expect: safe CWE-89
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;
import java.util.*;

@RestController
class Orders {
    private JdbcTemplate jdbcTemplate;

    @GetMapping("/orders/{id}")
    public Map<String, Object> one(@PathVariable long id) {
        return jdbcTemplate.queryForMap("SELECT * FROM orders WHERE id = " + id);
    }
}
