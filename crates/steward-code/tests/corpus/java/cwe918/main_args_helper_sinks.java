// expect: CWE-918
import java.util.*;
import java.net.*;
import java.io.*;
import org.springframework.web.client.RestTemplate;

class Handler {
    private static void run(String q) throws Exception {
        URL url = new URL(q);
        InputStream in = url.openStream();
    }

    public static void main(String[] args) throws Exception {
        String v = args[0];
        String q = v;
        run(q);
    }
}
