<?php // expect: CWE-601
session_start();
$next = $_REQUEST['next'] ?? '/';
if (login($_POST['user'], $_POST['pass'])) {
    header("Location: $next");
    exit;
}
