// expect: safe CWE-94
import java.util.*;
import javax.servlet.http.*;
import javax.script.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Map<String, String> m = new HashMap<>();
        m.put("k", v);
        m.put("fixed", "admin");
        String item = m.get("fixed");
        String q = "total(" + item + ")";
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        Object result = engine.eval(q);
    }
}
