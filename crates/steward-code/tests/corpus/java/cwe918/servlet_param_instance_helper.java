// expect: CWE-918
import java.util.*;
import javax.servlet.http.*;
import java.net.*;
import java.io.*;
import org.springframework.web.client.RestTemplate;

class Handler extends HttpServlet {
    String wrap(String x) {
        String y = x.trim();
        return y;
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = new Handler().wrap(v);
        URL url = new URL(q);
        InputStream in = url.openStream();
    }
}
