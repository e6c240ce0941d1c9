<?php // expect: safe CWE-89
$stmt = $mysqli->prepare('SELECT id FROM users WHERE email = ?');
$stmt->bind_param('s', $_POST['email']);
$stmt->execute();
