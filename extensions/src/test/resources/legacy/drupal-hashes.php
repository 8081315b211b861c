<?php
// Reference password hashes made the way the old Drupal portal makes them, for MonEspace's tests
// (Java providers, Python import, benchmarks): our Java code is only ever checked against these.
//
// - bcrypt ($2y$, and $2a$/$2b$ through crypt()): PHP's own password_hash(), as Drupal 10.1+ does.
// - phpass portable hashes ($S$ SHA-512 for Drupal 7 and 8+, $H$/$P$ MD5 for phpBB/WordPress
//   accounts Drupal imported) and Drupal 6 upgraded hashes (U$S$: md5 of the password, then $S$),
//   following the algorithm Drupal documents (includes/password.inc, PhpassHashedPassword):
//   setting = "$S$" + one itoa64 character giving log2 of the rounds (7..30) + 8 salt characters;
//   h = H(salt . password), then `rounds` times h = H(h . password); the result is the setting
//   followed by h in itoa64 (6 bits at a time, least significant first), cut at 55 characters.
//   Passwords longer than 512 bytes are never hashed (Drupal refuses them).
//
// Protocol (stdin → stdout, one line each, passwords base64-encoded so any byte goes through):
//   hash <scheme> <log2 rounds or bcrypt cost> <password>  →  the hash ("-" when Drupal refuses)
//      scheme: S, H, P, U (U$S$) for phpass; 2y (password_hash), 2a, 2b (crypt) for bcrypt
//   verify <hash> <password>  →  "true" or "false", as the portal would decide

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DRUPAL_HASH_LENGTH = 55;
const MAX_PASSWORD_BYTES = 512;

/** Bytes in itoa64, 6 bits at a time from the least significant, over little-endian 3-byte groups. */
function itoa64_encode(string $bytes): string
{
    $out = '';
    $length = strlen($bytes);
    for ($i = 0; $i < $length; $i += 3) {
        $group = substr($bytes, $i, 3);
        $value = 0;
        for ($k = 0; $k < strlen($group); $k++) {
            $value |= ord($group[$k]) << (8 * $k);
        }
        // 1 byte gives 2 characters, 2 bytes 3, 3 bytes 4: ceil(8n / 6).
        $characters = intdiv(8 * strlen($group) + 5, 6);
        for ($k = 0; $k < $characters; $k++) {
            $out .= ITOA64[($value >> (6 * $k)) & 0x3f];
        }
    }
    return $out;
}

function phpass(string $algorithm, string $password, string $setting): ?string
{
    if (strlen($password) > MAX_PASSWORD_BYTES || strlen($setting) < 12) {
        return null;
    }
    $log2 = strpos(ITOA64, $setting[3]);
    if ($log2 === false || $log2 < 7 || $log2 > 30) {
        return null;
    }
    $salt = substr($setting, 4, 8);
    $digest = hash($algorithm, $salt . $password, true);
    for ($round = 0; $round < (1 << $log2); $round++) {
        $digest = hash($algorithm, $digest . $password, true);
    }
    return substr(substr($setting, 0, 12) . itoa64_encode($digest), 0, DRUPAL_HASH_LENGTH);
}

function make_hash(string $scheme, int $strength, string $password): ?string
{
    switch ($scheme) {
        case 'S':
        case 'H':
        case 'P':
            $setting = '$' . $scheme . '$' . ITOA64[$strength] . itoa64_encode(random_bytes(6));
            return phpass($scheme === 'S' ? 'sha512' : 'md5', $password, $setting);
        case 'U':
            $setting = '$S$' . ITOA64[$strength] . itoa64_encode(random_bytes(6));
            $hash = phpass('sha512', md5($password), $setting);
            return $hash === null ? null : 'U' . $hash;
        case '2y':
            return password_hash($password, PASSWORD_BCRYPT, ['cost' => $strength]);
        case '2a':
        case '2b':
            // crypt() takes 22 salt characters of bcrypt's own alphabet.
            $salt = substr(strtr(base64_encode(random_bytes(17)), '+', '.'), 0, 22);
            $hash = crypt($password, sprintf('$%s$%02d$%s', $scheme, $strength, $salt));
            return strlen($hash) === 60 ? $hash : null;
    }
    throw new InvalidArgumentException("unknown scheme $scheme");
}

/** What the portal decides when a doctor types $password for the stored $hash. */
function portal_verifies(string $hash, string $password): bool
{
    if (str_starts_with($hash, '$2')) {
        return password_verify($password, $hash);
    }
    if (str_starts_with($hash, 'U$')) {
        $hash = substr($hash, 1);
        $password = md5($password);
    }
    $algorithm = match (substr($hash, 0, 3)) {
        '$S$' => 'sha512',
        '$H$', '$P$' => 'md5',
        default => null,
    };
    if ($algorithm === null) {
        return false;
    }
    $computed = phpass($algorithm, $password, $hash);
    return $computed !== null && hash_equals($hash, $computed);
}

while (($line = fgets(STDIN)) !== false) {
    $fields = explode(' ', rtrim($line, "\r\n"));
    if ($fields[0] === 'hash' && count($fields) === 4) {
        $hash = make_hash($fields[1], (int) $fields[2], base64_decode($fields[3], true));
        echo ($hash ?? '-'), "\n";
    } elseif ($fields[0] === 'verify' && count($fields) === 3) {
        echo portal_verifies($fields[1], base64_decode($fields[2], true)) ? 'true' : 'false', "\n";
    } else {
        fwrite(STDERR, "unreadable request: $line");
        exit(2);
    }
}
