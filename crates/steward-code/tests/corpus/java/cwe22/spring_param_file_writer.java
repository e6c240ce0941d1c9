// expect: CWE-22
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

@RestController
class Handler {

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = "/srv/files/" + v;
        FileWriter w = new FileWriter(q);
        w.write("x");
        return "ok";
    }
}
