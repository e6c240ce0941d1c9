// expect: CWE-90
import java.util.*;
import javax.naming.directory.*;
import java.util.Hashtable;

class Handler {
    static Hashtable<String, String> env;

    public static void main(String[] args) throws Exception {
        String v = System.getenv("TARGET");
        String q = "(uid=" + v + ")";
        DirContext ctx = new InitialDirContext(env);
        Object found = ctx.search("ou=people,dc=example,dc=com", q, new SearchControls());
    }
}
