// expect: CWE-22
import javax.servlet.http.*;
import java.nio.file.*;

class Download extends HttpServlet {
    private static final Path BASE = Paths.get("/srv/static");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        Path target = BASE.resolve(request.getParameter("file"));
        if (!target.startsWith(BASE)) {
            response.sendError(403);
            return;
        }
        response.getOutputStream().write(Files.readAllBytes(target));
    }
}
