// expect: CWE-643
import java.util.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

class Handler extends HttpServlet {
    static Document doc;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = new StringBuilder("//user[@name='").append(v).append("']/email").toString();
        XPath xpath = XPathFactory.newInstance().newXPath();
        String found = xpath.evaluate(q, doc);
    }
}
