// expect: CWE-94
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import javax.script.*;

@RestController
class Handler {

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = "total(" + v + ")";
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        Object result = engine.eval(q);
        return "ok";
    }
}
