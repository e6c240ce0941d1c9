// expect: CWE-22
import javax.servlet.http.*;
import java.nio.file.*;
import java.util.Optional;

class Download extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String name = Optional.ofNullable(request.getParameter("file")).orElse("index.html");
        byte[] data = Files.readAllBytes(Paths.get("/srv/static", name));
        response.getOutputStream().write(data);
    }
}
