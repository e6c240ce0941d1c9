// expect: CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getQueryString();
        String q = "ping -c 1 " + v;
        Process p = Runtime.getRuntime().exec(q);
    }
}
