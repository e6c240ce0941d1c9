// expect: CWE-94
import java.util.*;
import javax.script.*;

class Handler {

    public static void main(String[] args) throws Exception {
        String v = System.getenv("TARGET");
        String q = "total(" + v + ")";
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        Object result = engine.eval(q);
    }
}
