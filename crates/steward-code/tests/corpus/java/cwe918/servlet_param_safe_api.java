// expect: safe CWE-918
import java.util.*;
import javax.servlet.http.*;
import java.net.*;
import java.io.*;
import org.springframework.web.client.RestTemplate;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        URL url = new URL("https://api.example.com/items?id=" + URLEncoder.encode(v, "UTF-8"));
        InputStream in = url.openStream();
    }
}
