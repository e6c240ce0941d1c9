// expect: CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Map<String, String> m = new HashMap<>();
        m.put("k", v);
        String item = m.get("k");
        String q = "ping -c 1 " + item;
        Process p = Runtime.getRuntime().exec(q);
    }
}
