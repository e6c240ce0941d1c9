// expect: CWE-918
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import java.net.*;
import java.io.*;
import org.springframework.web.client.RestTemplate;

@RestController
class Handler {

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = v;
        String body = new RestTemplate().getForObject(q, String.class);
        return "ok";
    }
}
