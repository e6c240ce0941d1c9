// expect: CWE-502
import javax.servlet.http.*;
import java.io.*;

class Sync extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
        Object state = new ObjectInputStream(request.getInputStream()).readObject();
        request.setAttribute("state", state);
    }
}
