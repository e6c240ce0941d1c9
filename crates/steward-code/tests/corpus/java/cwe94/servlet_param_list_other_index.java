// expect: safe CWE-94
import java.util.*;
import javax.servlet.http.*;
import javax.script.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        List<String> parts = new ArrayList<>();
        parts.add(v);
        parts.add("admin");
        String item = parts.get(1);
        String q = "total(" + item + ")";
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        Object result = engine.eval(q);
    }
}
