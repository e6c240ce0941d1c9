<?php // expect: safe CWE-330
session_start();
$_SESSION['csrf_token'] = bin2hex(random_bytes(32));
$jitter = mt_rand(0, 250);
usleep($jitter * 1000);
