// expect: CWE-918
import javax.servlet.http.*;
import java.net.*;
import java.io.*;

class Proxy extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String backend = request.getHeader("X-Backend");
        HttpURLConnection c = (HttpURLConnection) new URL("http://" + backend + "/health").openConnection();
        response.setStatus(c.getResponseCode());
    }
}
