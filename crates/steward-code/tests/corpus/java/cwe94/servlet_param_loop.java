// expect: CWE-94
import java.util.*;
import javax.servlet.http.*;
import javax.script.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = "";
        for (String part : new String[] { v, "x" }) {
            item = part;
        }
        String q = "total(" + item + ")";
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        Object result = engine.eval(q);
    }
}
