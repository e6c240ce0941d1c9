// expect: CWE-502
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.util.*;
import com.fasterxml.jackson.databind.ObjectMapper;

class Handler extends HttpServlet {
    private static String build(String x) {
        return Base64.getDecoder().decode(x);
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        String q = build(v);
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(q));
        Object o = in.readObject();
    }
}
