<?php
// A Binance request signer in PHP 8.2 (Debian's php-cli: hash, sodium, openssl, json).
// It speaks the conformance protocol: one JSON case on stdin, one JSON answer on stdout.
// Run the suite on it from the repository root:
//   make conformance CMD='php signers/sign.php'
// REST: HMAC, Ed25519 and RSA. WebSocket API: the same three keys.

// Percent-encode as UTF-8 bytes, RFC 3986 unreserved (A-Z a-z 0-9 - _ . ~) kept, hex
// upper-case, a space as %20: exactly what rawurlencode does (PHP >= 5.3 keeps '~').
function encode(array $pairs): string {
    return implode('&', array_map(
        fn($p) => rawurlencode($p[0]) . '=' . rawurlencode($p[1]), $pairs));
}

// HMAC-SHA256 as lower-case hex; Ed25519 and RSA (PKCS#1 v1.5, SHA-256) as base64.
function sign(array $case, string $payload): string {
    switch ($case['key_type']) {
        case 'HMAC':
            return hash_hmac('sha256', $payload, $case['secret']);
        case 'Ed25519':  // PKCS#8 DER for Ed25519 ends with the 32-byte seed (RFC 8410)
            $der = base64_decode(preg_replace('/-----[^-]+-----|\s/', '', $case['private_key']));
            $keypair = sodium_crypto_sign_seed_keypair(substr($der, -32));
            $secret = sodium_crypto_sign_secretkey($keypair);
            return base64_encode(sodium_crypto_sign_detached($payload, $secret));
        case 'RSA':
            if (!openssl_sign($payload, $raw, $case['private_key'], OPENSSL_ALGO_SHA256)) {
                throw new RuntimeException('openssl_sign failed: ' . openssl_error_string());
            }
            return base64_encode($raw);
    }
    throw new RuntimeException('unknown key_type: ' . $case['key_type']);
}

$case = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);

if ($case['api'] === 'ws') {
    // WebSocket API: params sorted by name, name=value joined by '&', values raw (not
    // percent-encoded), apiKey included; the signature goes in as is (base64 unencoded).
    $params = $case['params'];
    usort($params, fn($a, $b) => strcmp($a[0], $b[0]));  // byte order = code point order
    $payload = implode('&', array_map(fn($p) => $p[0] . '=' . $p[1], $params));
    $out = [];
    foreach ($case['params'] as [$name, $value]) {
        $out[$name] = $value;
    }
    $out['signature'] = sign($case, $payload);
    $answer = ['params' => (object) $out];
} else {
    // REST: payload = query string + body, no '&' between; the signature is appended to
    // the body if there is one, else to the query string. Ed25519/RSA base64 is encoded.
    $query = encode($case['query']);
    $body = encode($case['body']);
    $sig = rawurlencode(sign($case, $query . $body));
    if ($body !== '') {
        $body .= '&signature=' . $sig;
    } else {
        $query .= ($query === '' ? '' : '&') . 'signature=' . $sig;
    }
    $answer = ['query' => $query, 'body' => $body];
}
echo json_encode($answer, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR), "\n";
