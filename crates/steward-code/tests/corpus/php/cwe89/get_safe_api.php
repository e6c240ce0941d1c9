<?php // expect: safe CWE-89
$v = $_GET['q'];
$st = $pdo->prepare('SELECT * FROM users WHERE name = ?');
$st->execute([$v]);
