<?php // expect: safe CWE-327
$iv = random_bytes(12);
$cipher = openssl_encrypt($card, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag);
