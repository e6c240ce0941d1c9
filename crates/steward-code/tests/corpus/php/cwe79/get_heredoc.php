<?php // expect: CWE-79
$v = $_GET['q'];
$q = <<<HTML
<p>Hello {$v}</p>
HTML;
echo $q;
