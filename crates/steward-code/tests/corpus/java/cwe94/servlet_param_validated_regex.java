// expect: safe CWE-94
import java.util.*;
import javax.servlet.http.*;
import javax.script.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        if (!v.matches("[A-Za-z0-9_]{1,32}")) {
            return;
        }
        String item = v;
        String q = "total(" + item + ")";
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        Object result = engine.eval(q);
    }
}
