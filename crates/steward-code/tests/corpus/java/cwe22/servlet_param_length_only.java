// expect: safe CWE-22
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = String.valueOf(v.length());
        String q = "/srv/files/" + item;
        FileInputStream in = new FileInputStream(q);
    }
}
