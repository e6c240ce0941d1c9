// expect: safe CWE-78
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
    private static final String DATA_DIR = "/srv/data";

    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        log("archive requested by " + request.getParameter("user"));
        Archiver archiver = new Archiver(DATA_DIR);
        archiver.run();
    }
}
