<?php // expect: safe CWE-78
$file = $_GET['file'];
$out = shell_exec('file --brief ' . escapeshellarg('/srv/uploads/' . basename($file)));
echo htmlspecialchars($out);
