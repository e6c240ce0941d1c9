<?php // expect: safe CWE-89
$name = mysqli_real_escape_string($link, $_POST['name']);
$res = mysqli_query($link, "SELECT id FROM users WHERE name = '$name'");
