// expect: CWE-79
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.*;

@Controller
class Greeting {
    @GetMapping("/hello")
    @ResponseBody
    public String hello(@RequestParam String name) {
        return "<html><body>Hello " + name + "</body></html>";
    }
}
