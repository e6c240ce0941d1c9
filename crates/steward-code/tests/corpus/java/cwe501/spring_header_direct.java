// expect: CWE-501
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;

@RestController
class Handler {

    @GetMapping("/a")
    public String handle(@RequestHeader("X-Item") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = v;
        request.getSession().setAttribute("item", q);
        return "ok";
    }
}
