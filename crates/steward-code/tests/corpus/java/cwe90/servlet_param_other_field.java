// expect: safe CWE-90
import java.util.*;
import javax.servlet.http.*;
import javax.naming.directory.*;
import java.util.Hashtable;

class Handler extends HttpServlet {
    static Hashtable<String, String> env;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Box box = new Box();
        box.setUser(v);
        box.setRole("admin");
        String item = box.getRole();
        String q = "(uid=" + item + ")";
        DirContext ctx = new InitialDirContext(env);
        Object found = ctx.search("ou=people,dc=example,dc=com", q, new SearchControls());
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
