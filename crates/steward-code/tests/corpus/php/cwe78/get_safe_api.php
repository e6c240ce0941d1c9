<?php // expect: safe CWE-78
$v = $_GET['q'];
$proc = proc_open(['ping', '-c', '1', $v], [1 => ['pipe', 'w']], $pipes);
