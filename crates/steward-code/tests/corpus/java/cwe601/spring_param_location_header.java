// expect: CWE-601
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;

@RestController
class Handler {

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = v;
        response.setStatus(302);
        response.setHeader("Location", q);
        return "ok";
    }
}
