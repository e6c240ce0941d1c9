// expect: CWE-22
import java.util.*;
import java.io.*;
import java.nio.file.*;

class Handler {
    private static void run(String q) throws Exception {
        FileInputStream in = new FileInputStream(q);
    }

    public static void main(String[] args) throws Exception {
        String v = args[0];
        String q = "/srv/files/" + v;
        run(q);
    }
}
