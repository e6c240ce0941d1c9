// expect: CWE-79
import java.util.*;
import javax.servlet.http.*;
import java.io.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Item it = new Item(v);
        String q = "<p>Hello " + it.name() + "</p>";
        response.getWriter().println(q);
    }
}

class Holder {
    private final String value;
    Holder(String value) { this.value = value; }
    String value() { return value; }
}

record Item(String name) {}
