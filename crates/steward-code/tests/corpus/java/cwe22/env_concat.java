// expect: CWE-22
import java.util.*;
import java.io.*;
import java.nio.file.*;

class Handler {

    public static void main(String[] args) throws Exception {
        String v = System.getenv("TARGET");
        String q = "/srv/files/" + v;
        FileInputStream in = new FileInputStream(q);
    }
}
