// expect: CWE-643
import java.util.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

class Handler extends HttpServlet {
    static Document doc;
    String wrap(String x) {
        String y = x.trim();
        return "//user[@name='" + y + "']/email";
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = new Handler().wrap(v);
        XPath xpath = XPathFactory.newInstance().newXPath();
        String found = xpath.evaluate(q, doc);
    }
}
