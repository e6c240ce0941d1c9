// expect: CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = "";
        for (String part : new String[] { v, "x" }) {
            item = part;
        }
        String q = "ping -c 1 " + item;
        Process p = Runtime.getRuntime().exec(q);
    }
}
