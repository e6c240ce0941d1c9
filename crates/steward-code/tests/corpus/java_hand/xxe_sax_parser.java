// expect: CWE-611
import javax.xml.parsers.*;
import org.xml.sax.helpers.DefaultHandler;
import java.io.InputStream;

class Feed {
    void read(InputStream in, DefaultHandler handler) throws Exception {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        SAXParser parser = spf.newSAXParser();
        parser.parse(in, handler);
    }
}
