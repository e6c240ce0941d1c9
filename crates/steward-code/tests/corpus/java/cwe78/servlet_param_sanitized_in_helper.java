// expect: safe CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import org.owasp.esapi.ESAPI;
import org.owasp.esapi.codecs.UnixCodec;

class Handler extends HttpServlet {
    private static String clean(String x) {
        return ESAPI.encoder().encodeForOS(new UnixCodec(), x);
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = clean(v);
        String q = "ping -c 1 " + item;
        Process p = Runtime.getRuntime().exec(q);
    }
}
