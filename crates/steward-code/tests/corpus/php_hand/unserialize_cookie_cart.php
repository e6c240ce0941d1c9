<?php // expect: CWE-502
if (isset($_COOKIE['cart'])) {
    $cart = unserialize(base64_decode($_COOKIE['cart']));
} else {
    $cart = [];
}
