<?php // expect: CWE-328
$stored = sha1($salt . $_POST['passwd']);
