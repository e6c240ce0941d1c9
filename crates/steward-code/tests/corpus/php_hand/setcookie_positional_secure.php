<?php // expect: safe CWE-614
setcookie('remember_me', $token, time() + 3600, '/', 'example.com', true, true);
