// expect: safe CWE-22
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        List<String> parts = new ArrayList<>();
        parts.add(v);
        parts.set(0, "admin");
        String item = parts.get(0);
        String q = "/srv/files/" + item;
        FileInputStream in = new FileInputStream(q);
    }
}
