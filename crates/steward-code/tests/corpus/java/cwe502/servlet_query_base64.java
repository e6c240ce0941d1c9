// expect: CWE-502
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.util.*;
import com.fasterxml.jackson.databind.ObjectMapper;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getQueryString();
        String q = Base64.getDecoder().decode(v);
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(q));
        Object o = in.readObject();
    }
}
