// expect: safe CWE-502
import javax.servlet.http.*;
import java.io.*;

class Sync extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String who = request.getParameter("user");
        try (ObjectInputStream in = new ObjectInputStream(new FileInputStream("/var/lib/app/state.bin"))) {
            Object state = in.readObject();
            request.setAttribute("state:" + who, state);
        }
    }
}
