// expect: safe CWE-79
import javax.servlet.http.*;
import org.apache.commons.text.StringEscapeUtils;

class Echo extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String msg = request.getParameter("msg");
        response.getWriter().write("<div>" + StringEscapeUtils.escapeHtml4(msg) + "</div>");
    }
}
