// expect: CWE-918
import java.util.*;
import javax.servlet.http.*;
import java.net.*;
import java.io.*;
import org.springframework.web.client.RestTemplate;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        Cookie[] cookies = request.getCookies();
        String v = cookies[0].getValue();
        String q = v;
        URL url = new URL(q);
        InputStream in = url.openStream();
    }
}
