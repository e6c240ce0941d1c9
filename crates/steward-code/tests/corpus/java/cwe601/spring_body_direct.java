// expect: CWE-601
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;

@RestController
class Handler {

    @PostMapping("/a")
    public String handle(@RequestBody String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = v;
        response.sendRedirect(q);
        return "ok";
    }
}
