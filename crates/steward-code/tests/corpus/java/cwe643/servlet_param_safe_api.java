// expect: safe CWE-643
import java.util.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

class Handler extends HttpServlet {
    static Document doc;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setXPathVariableResolver(name -> v);
        String found = xpath.evaluate("//user[@name=$name]/email", doc);
    }
}
