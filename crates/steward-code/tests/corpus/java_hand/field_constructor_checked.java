// expect: CWE-78
import javax.servlet.http.*;
import java.io.IOException;

class Archiver {
    private final String target;

    Archiver(String target) {
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException("target");
        }
        this.target = target;
    }

    void run() throws IOException {
        Runtime.getRuntime().exec("tar czf /backups/out.tgz " + target);
    }
}

public class ArchiveServlet extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Archiver archiver = new Archiver(request.getParameter("dir"));
        archiver.run();
    }
}
