package fr.ordre.monespace.legacy.hash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PHP (Debian's php-cli) running src/test/resources/legacy/drupal-hashes.php: hashes made and
 * checked the way the old portal makes and checks them. Our providers are only ever compared with
 * its answers, never with themselves.
 */
final class PhpReference {

    private static final Path SCRIPT = Path.of("src/test/resources/legacy/drupal-hashes.php");

    /** A hash request: scheme S, H, P, U, 2y, 2a or 2b; log2 of the rounds or bcrypt cost. */
    record HashRequest(String scheme, int strength, String password) {
    }

    /** What the portal decides for {@code password} against {@code hash}. */
    record Check(String hash, String password) {
    }

    private PhpReference() {
    }

    static List<String> hashes(List<HashRequest> requests) {
        return run(requests.stream().map(r -> "hash " + r.scheme() + " " + r.strength() + " " + encode(r.password())).toList());
    }

    static List<Boolean> verdicts(List<Check> checks) {
        return run(checks.stream().map(c -> "verify " + c.hash() + " " + encode(c.password())).toList())
                .stream().map(Boolean::parseBoolean).toList();
    }

    private static String encode(String password) {
        return Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> run(List<String> lines) {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IllegalStateException("run the tests from extensions/: " + SCRIPT + " not found");
        }
        Process php;
        try {
            php = new ProcessBuilder("php", SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("PHP is needed for the reference hashes: apt-get install php-cli", e);
        }
        try (Writer in = php.outputWriter(StandardCharsets.UTF_8);
             BufferedReader out = new BufferedReader(new InputStreamReader(php.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line : lines) {
                in.write(line + "\n");
            }
            in.close();
            List<String> answers = new ArrayList<>();
            for (String answer = out.readLine(); answer != null; answer = out.readLine()) {
                answers.add(answer);
            }
            if (php.waitFor() != 0 || answers.size() != lines.size()) {
                throw new IllegalStateException("drupal-hashes.php failed (exit " + php.exitValue() + ")");
            }
            return answers;
        } catch (IOException e) {
            throw new IllegalStateException("drupal-hashes.php failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
