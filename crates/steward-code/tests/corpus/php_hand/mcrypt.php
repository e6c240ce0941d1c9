<?php // expect: CWE-327
$enc = mcrypt_encrypt(MCRYPT_DES, $key, $plain, MCRYPT_MODE_ECB);
