// expect: CWE-22
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Holder h = new Holder(v);
        String item = h.value();
        String q = "/srv/files/" + item;
        FileInputStream in = new FileInputStream(q);
    }
}

class Holder {
    private final String value;
    Holder(String value) { this.value = value; }
    String value() { return value; }
}

record Item(String name) {}
