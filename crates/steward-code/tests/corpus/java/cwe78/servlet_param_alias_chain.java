// expect: CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String a = v;
        String b = a;
        String q = "ping -c 1 " + b;
        Process p = Runtime.getRuntime().exec(q);
    }
}
