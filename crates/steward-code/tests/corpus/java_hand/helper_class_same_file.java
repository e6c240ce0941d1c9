// expect: CWE-78
import javax.servlet.http.*;

class Ping extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        Shell.run("ping -c 1 " + request.getParameter("host"));
    }
}

class Shell {
    static void run(String command) throws Exception {
        Runtime.getRuntime().exec(command);
    }
}
