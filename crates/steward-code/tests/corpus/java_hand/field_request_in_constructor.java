// expect: CWE-22
import javax.servlet.http.*;
import java.io.*;

class UploadTarget {
    private final String name;

    UploadTarget(HttpServletRequest request) {
        this.name = request.getParameter("file");
    }

    InputStream open() throws IOException {
        return new FileInputStream("/srv/uploads/" + name);
    }
}

public class DownloadServlet extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        UploadTarget target = new UploadTarget(req);
        target.open().transferTo(resp.getOutputStream());
    }
}
