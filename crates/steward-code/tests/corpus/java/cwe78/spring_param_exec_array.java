// expect: CWE-78
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import java.io.*;

@RestController
class Handler {

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = "ping -c 1 " + v;
        String[] cmd = {{ "/bin/sh", "-c", q }};
        Process p = Runtime.getRuntime().exec(cmd);
        return "ok";
    }
}
