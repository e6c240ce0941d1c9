// expect: CWE-502
import java.util.*;
import org.springframework.web.bind.annotation.*;
import javax.servlet.http.*;
import java.io.*;
import java.util.*;
import com.fasterxml.jackson.databind.ObjectMapper;

@RestController
class Handler {

    @GetMapping("/a")
    public String handle(@RequestParam("q") String v, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String q = Base64.getDecoder().decode(v);
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(q));
        Object o = in.readObject();
        return "ok";
    }
}
