// expect: safe CWE-611
import javax.xml.stream.*;
import java.io.InputStream;

class Feed {
    XMLStreamReader read(InputStream in) throws Exception {
        XMLInputFactory xif = XMLInputFactory.newFactory();
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xif.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return xif.createXMLStreamReader(in);
    }
}
