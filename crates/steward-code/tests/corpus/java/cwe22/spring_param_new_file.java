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
        File f = new File(q);
        byte[] data = Files.readAllBytes(f.toPath());
        return "ok";
    }
}
