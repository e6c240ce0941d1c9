// expect: safe CWE-502
import java.util.*;
import javax.servlet.http.*;
import java.io.*;
import java.util.*;
import com.fasterxml.jackson.databind.ObjectMapper;

class Handler extends HttpServlet {

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String v = request.getParameter("q");
        Map<?, ?> o = new ObjectMapper().readValue(v, Map.class);
    }
}
