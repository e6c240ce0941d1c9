// expect: CWE-502
import java.util.*;
import java.io.*;
import java.util.*;
import com.fasterxml.jackson.databind.ObjectMapper;

class Handler {
    private static void run(String q) throws Exception {
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(q));
        Object o = in.readObject();
    }

    public static void main(String[] args) throws Exception {
        String v = args[0];
        String q = Base64.getDecoder().decode(v);
        run(q);
    }
}
