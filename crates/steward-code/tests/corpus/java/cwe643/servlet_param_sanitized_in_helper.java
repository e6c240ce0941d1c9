// expect: safe CWE-643
import java.util.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;
import org.owasp.esapi.ESAPI;

class Handler extends HttpServlet {
    static Document doc;
    private static String clean(String x) {
        return ESAPI.encoder().encodeForXPath(x);
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = clean(v);
        String q = "//user[@name='" + item + "']/email";
        XPath xpath = XPathFactory.newInstance().newXPath();
        String found = xpath.evaluate(q, doc);
    }
}
