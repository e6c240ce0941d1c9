// expect: CWE-90
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import javax.naming.directory.*;
import java.util.Hashtable;

@RestController
class Handler {
    static Hashtable<String, String> env;

    @GetMapping("/a/{q}")
    public String handle(@PathVariable("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = "(uid=" + v + ")";
        DirContext ctx = new InitialDirContext(env);
        Object found = ctx.search("ou=people,dc=example,dc=com", q, new SearchControls());
        return "ok";
    }
}
