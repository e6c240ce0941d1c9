// expect: safe CWE-22
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = "guest";
        if ("admin".equals(v)) {
            item = v;
        }
        String q = "/srv/files/" + item;
        FileInputStream in = new FileInputStream(q);
    }
}
