// expect: CWE-78
import java.util.*;
import java.io.*;

class Handler {
    private static void run(String q) throws Exception {
        Process p = Runtime.getRuntime().exec(q);
    }

    public static void main(String[] args) throws Exception {
        String v = args[0];
        String q = "ping -c 1 " + v;
        run(q);
    }
}
