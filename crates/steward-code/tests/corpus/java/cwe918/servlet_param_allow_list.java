// expect: safe CWE-918
import java.util.*;
import javax.servlet.http.*;
import java.net.*;
import java.io.*;
import org.springframework.web.client.RestTemplate;

class Handler extends HttpServlet {
    private static final Set<String> ALLOWED = Set.of("daily", "weekly");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        if (!ALLOWED.contains(v)) {
            return;
        }
        String item = v;
        String q = item;
        URL url = new URL(q);
        InputStream in = url.openStream();
    }
}
