<?php // expect: CWE-327
$cipher = openssl_encrypt($card, 'AES-256-ECB', $key, OPENSSL_RAW_DATA);
