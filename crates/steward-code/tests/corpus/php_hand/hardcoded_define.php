<?php // expect: CWE-798
define('DB_PASSWORD', 'correct-horse-battery');
define('DB_USER', 'app');
