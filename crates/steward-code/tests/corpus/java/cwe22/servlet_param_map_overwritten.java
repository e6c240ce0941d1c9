// expect: safe CWE-22
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Map<String, String> m = new HashMap<>();
        m.put("k", v);
        m.put("k", "admin");
        String item = m.get("k");
        String q = "/srv/files/" + item;
        FileInputStream in = new FileInputStream(q);
    }
}
