<?php // expect: safe CWE-98
$v = $_GET['q'];
$pages = ['home' => 'home.php', 'about' => 'about.php'];
include 'pages/' . ($pages[$v] ?? 'home.php');
