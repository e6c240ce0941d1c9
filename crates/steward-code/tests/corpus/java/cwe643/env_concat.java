// expect: CWE-643
import java.util.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

class Handler {
    static Document doc;

    public static void main(String[] args) throws Exception {
        String v = System.getenv("TARGET");
        String q = "//user[@name='" + v + "']/email";
        XPath xpath = XPathFactory.newInstance().newXPath();
        String found = xpath.evaluate(q, doc);
    }
}
