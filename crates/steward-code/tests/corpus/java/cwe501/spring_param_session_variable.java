// expect: CWE-501
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;

@RestController
class Handler {

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = v;
        HttpSession session = request.getSession();
        session.setAttribute("item", q);
        return "ok";
    }
}
