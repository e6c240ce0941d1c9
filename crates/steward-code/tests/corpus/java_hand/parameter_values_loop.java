// expect: CWE-89
import javax.servlet.http.*;
import java.sql.*;

class Tags extends HttpServlet {
    private Connection conn;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        StringBuilder in = new StringBuilder();
        for (String tag : request.getParameterValues("tag")) {
            if (in.length() > 0) {
                in.append(",");
            }
            in.append("'").append(tag).append("'");
        }
        Statement st = conn.createStatement();
        st.executeQuery("SELECT * FROM posts WHERE tag IN (" + in + ")");
    }
}
