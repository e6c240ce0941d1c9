// expect: CWE-89
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;
import java.util.*;

@RestController
class Search {
    private JdbcTemplate jdbcTemplate;

    @GetMapping("/search")
    public List<Map<String, Object>> search(@RequestParam Map<String, String> params) {
        String sort = params.get("sort");
        return jdbcTemplate.queryForList("SELECT * FROM items ORDER BY " + sort);
    }
}
