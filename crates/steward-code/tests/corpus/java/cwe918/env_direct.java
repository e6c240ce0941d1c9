// expect: CWE-918
import java.util.*;
import java.net.*;
import java.io.*;
import org.springframework.web.client.RestTemplate;

class Handler {

    public static void main(String[] args) throws Exception {
        String v = System.getenv("TARGET");
        String q = v;
        URL url = new URL(q);
        InputStream in = url.openStream();
    }
}
