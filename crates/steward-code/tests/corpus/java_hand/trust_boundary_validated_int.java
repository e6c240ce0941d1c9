// expect: safe CWE-501
import javax.servlet.http.*;

class Cart extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        int quantity = Integer.parseInt(request.getParameter("qty"));
        request.getSession().setAttribute("qty", quantity);
    }
}
