// expect: CWE-94
import java.util.*;
import javax.servlet.http.*;
import javax.script.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Box box = new Box();
        box.label = v;
        String q = "total(" + box.label + ")";
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        Object result = engine.eval(q);
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
