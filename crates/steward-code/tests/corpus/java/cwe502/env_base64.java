// expect: CWE-502
import java.util.*;
import java.io.*;
import java.util.*;
import com.fasterxml.jackson.databind.ObjectMapper;

class Handler {

    public static void main(String[] args) throws Exception {
        String v = System.getenv("TARGET");
        String q = Base64.getDecoder().decode(v);
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(q));
        Object o = in.readObject();
    }
}
