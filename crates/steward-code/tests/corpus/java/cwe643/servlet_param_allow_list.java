// expect: safe CWE-643
import java.util.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

class Handler extends HttpServlet {
    static Document doc;
    private static final Set<String> ALLOWED = Set.of("daily", "weekly");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        if (!ALLOWED.contains(v)) {
            return;
        }
        String item = v;
        String q = "//user[@name='" + item + "']/email";
        XPath xpath = XPathFactory.newInstance().newXPath();
        String found = xpath.evaluate(q, doc);
    }
}
