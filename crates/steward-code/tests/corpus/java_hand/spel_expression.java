// expect: CWE-94
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.*;

@RestController
class Calc {
    @GetMapping("/calc")
    public Object calc(@RequestParam String expr) {
        return new SpelExpressionParser().parseExpression(expr).getValue();
    }
}
