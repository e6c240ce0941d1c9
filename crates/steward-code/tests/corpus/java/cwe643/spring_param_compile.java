// expect: CWE-643
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

@RestController
class Handler {
    static Document doc;

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = "//user[@name='" + v + "']/email";
        XPath xpath = XPathFactory.newInstance().newXPath();
        XPathExpression expr = xpath.compile(q);
        String found = expr.evaluate(doc);
        return "ok";
    }
}
