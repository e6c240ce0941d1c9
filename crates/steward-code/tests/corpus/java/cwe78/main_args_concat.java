// expect: CWE-78
import java.util.*;
import java.io.*;

class Handler {

    public static void main(String[] args) throws Exception {
        String v = args[0];
        String q = "ping -c 1 " + v;
        Process p = Runtime.getRuntime().exec(q);
    }
}
