// expect: CWE-22
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Item it = new Item(v);
        String q = "/srv/files/" + it.name();
        FileInputStream in = new FileInputStream(q);
    }
}

class Holder {
    private final String value;
    Holder(String value) { this.value = value; }
    String value() { return value; }
}

record Item(String name) {}
