// expect: CWE-643
import java.util.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

class Handler extends HttpServlet {
    static Document doc;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Map<String, String> m = new HashMap<>();
        m.put("k", v);
        String item = m.get("k");
        String q = "//user[@name='" + item + "']/email";
        XPath xpath = XPathFactory.newInstance().newXPath();
        String found = xpath.evaluate(q, doc);
    }
}
