// expect: CWE-643
import java.util.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

class Handler {
    static Document doc;
    private static void run(String q) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        String found = xpath.evaluate(q, doc);
    }

    public static void main(String[] args) throws Exception {
        String v = args[0];
        String q = "//user[@name='" + v + "']/email";
        run(q);
    }
}
