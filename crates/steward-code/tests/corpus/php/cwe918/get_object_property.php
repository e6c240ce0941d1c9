<?php // expect: CWE-918
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = $box->item;
$ch = curl_init($q);
curl_exec($ch);
