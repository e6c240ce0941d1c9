<?php // expect: CWE-78
$archive = $_POST['archive'];

function pack_archive()
{
    return shell_exec('tar czf /tmp/' . $GLOBALS['archive'] . ' /srv/data');
}

pack_archive();
