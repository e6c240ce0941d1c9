// expect: CWE-78
import java.util.*;
import java.io.*;

class Handler {

    public static void main(String[] args) throws Exception {
        String v = System.getenv("TARGET");
        String q = "ping -c 1 " + v;
        Process p = Runtime.getRuntime().exec(q);
    }
}
