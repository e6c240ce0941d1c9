<?php // expect: CWE-330
session_start();
$_SESSION['csrf_token'] = md5(uniqid(mt_rand(), true));
