// expect: CWE-918
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import java.net.*;
import java.io.*;
import org.springframework.web.client.RestTemplate;

@RestController
class Handler {

    @PostMapping("/a")
    public String handle(@RequestBody String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = v;
        URL url = new URL(q);
        InputStream in = url.openStream();
        return "ok";
    }
}
