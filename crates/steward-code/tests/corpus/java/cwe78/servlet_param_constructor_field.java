// expect: CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Holder h = new Holder(v);
        String item = h.value();
        String q = "ping -c 1 " + item;
        Process p = Runtime.getRuntime().exec(q);
    }
}

class Holder {
    private final String value;
    Holder(String value) { this.value = value; }
    String value() { return value; }
}

record Item(String name) {}
