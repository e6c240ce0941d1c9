// expect: CWE-90
import javax.naming.directory.*;
import org.springframework.web.bind.annotation.*;
import java.util.Hashtable;

@RestController
class Auth {
    private Hashtable<String, String> env;

    @PostMapping("/login")
    public String login(@RequestParam String user, @RequestParam String password) throws Exception {
        DirContext ctx = new InitialDirContext(env);
        String filter = "(&(uid=" + user + ")(userPassword=" + password + "))";
        return ctx.search("ou=people,dc=example,dc=com", filter, new SearchControls()).hasMore() ? "ok" : "denied";
    }
}
