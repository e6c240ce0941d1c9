// expect: CWE-94
import java.util.*;
import javax.script.*;

class Handler {
    private static void run(String q) throws Exception {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        Object result = engine.eval(q);
    }

    public static void main(String[] args) throws Exception {
        String v = args[0];
        String q = "total(" + v + ")";
        run(q);
    }
}
