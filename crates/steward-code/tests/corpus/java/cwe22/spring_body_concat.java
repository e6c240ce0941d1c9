// expect: CWE-22
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;

@RestController
class Handler {

    @PostMapping("/a")
    public String handle(@RequestBody String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = "/srv/files/" + v;
        FileInputStream in = new FileInputStream(q);
        return "ok";
    }
}
