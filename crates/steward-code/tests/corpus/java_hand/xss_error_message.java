// expect: CWE-79
import javax.servlet.http.*;
import java.io.PrintWriter;

class Search extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = request.getParameter("q");
        PrintWriter out = response.getWriter();
        if (q == null || q.isEmpty()) {
            out.println("<p>Nothing to search for</p>");
            return;
        }
        out.println("<p>No results for <b>" + q + "</b></p>");
    }
}
