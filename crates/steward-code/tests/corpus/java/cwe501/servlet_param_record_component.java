// expect: CWE-501
import java.util.*;
import javax.servlet.http.*;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Item it = new Item(v);
        String q = it.name();
        request.getSession().setAttribute("item", q);
    }
}

class Holder {
    private final String value;
    Holder(String value) { this.value = value; }
    String value() { return value; }
}

record Item(String name) {}
