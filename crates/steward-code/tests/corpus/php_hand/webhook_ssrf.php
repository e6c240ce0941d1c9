<?php // expect: CWE-918
$payload = json_decode(file_get_contents('php://input'), true);
$hook = $payload['callback'];
$ctx = stream_context_create(['http' => ['method' => 'POST']]);
file_get_contents($hook, false, $ctx);
