// expect: CWE-79
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import java.io.*;

@RestController
class Handler {

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = "<p>Hello " + v + "</p>";
        PrintWriter out = response.getWriter();
        out.print(q);
        return "ok";
    }
}
