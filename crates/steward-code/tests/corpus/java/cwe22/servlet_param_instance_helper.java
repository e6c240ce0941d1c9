// expect: CWE-22
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

class Handler extends HttpServlet {
    String wrap(String x) {
        String y = x.trim();
        return "/srv/files/" + y;
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = new Handler().wrap(v);
        FileInputStream in = new FileInputStream(q);
    }
}
