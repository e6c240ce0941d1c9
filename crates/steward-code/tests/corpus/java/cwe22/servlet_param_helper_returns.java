// expect: CWE-22
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

class Handler extends HttpServlet {
    private static String build(String x) {
        return "/srv/files/" + x;
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = build(v);
        FileInputStream in = new FileInputStream(q);
    }
}
