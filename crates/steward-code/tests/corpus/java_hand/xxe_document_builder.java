// expect: CWE-611
import javax.xml.parsers.*;
import org.w3c.dom.Document;
import java.io.InputStream;

class Importer {
    Document read(InputStream upload) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(upload);
    }
}
