<?php // expect: CWE-611
$dom = new DOMDocument();
$dom->loadXML($HTTP_RAW_POST_DATA, LIBXML_NOENT);
echo htmlspecialchars($dom->documentElement->nodeName);
