<?php // expect: CWE-330
function newResetCode()
{
    return str_pad((string) rand(0, 999999), 6, '0', STR_PAD_LEFT);
}
