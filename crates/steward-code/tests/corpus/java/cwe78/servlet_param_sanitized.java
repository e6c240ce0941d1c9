// expect: safe CWE-78
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import org.owasp.esapi.ESAPI;
import org.owasp.esapi.codecs.UnixCodec;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String item = ESAPI.encoder().encodeForOS(new UnixCodec(), v);
        String q = "ping -c 1 " + item;
        Process p = Runtime.getRuntime().exec(q);
    }
}
