package fr.ordre.monespace.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Compares what the Java code names with realm/contract.yaml: one line per difference. */
final class ContractCheck {

    private ContractCheck() {
    }

    /** What the contract names and {@code what} lacks, then what {@code what} names and the contract does not. */
    static List<String> differences(String what, Collection<String> contract, Collection<String> code) {
        List<String> lines = new ArrayList<>();
        for (String name : new TreeSet<>(contract)) {
            if (!code.contains(name)) {
                lines.add(what + ": lacks '" + name + "' (named in realm/contract.yaml)");
            }
        }
        for (String name : new TreeSet<>(code)) {
            if (!contract.contains(name)) {
                lines.add(what + ": names '" + name + "', which realm/contract.yaml does not");
            }
        }
        return lines;
    }

    /** A class's {@code static final String} constants, by field name in lower case ({@code RPPS} → rpps). */
    static Map<String, String> constants(Class<?> type) {
        Map<String, String> constants = new LinkedHashMap<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                constants.put(field.getName().toLowerCase(Locale.ROOT), (String) read(field, null));
            }
        }
        return constants;
    }

    /** A static field of any visibility (the names of a package-private class). */
    static Object staticField(String className, String field) {
        try {
            Field f = Class.forName(className).getDeclaredField(field);
            return read(f, null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(className + "." + field + ": " + e, e);
        }
    }

    /** A no-argument instance of each provider class a META-INF/services file lists. */
    static List<Object> providers(String serviceFile) {
        List<Object> providers = new ArrayList<>();
        try (InputStream in = ContractCheck.class.getResourceAsStream("/META-INF/services/" + serviceFile)) {
            if (in == null) {
                throw new AssertionError("no META-INF/services/" + serviceFile);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    var constructor = Class.forName(name).getDeclaredConstructor();
                    constructor.setAccessible(true);
                    providers.add(constructor.newInstance());
                }
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new AssertionError(serviceFile + ": " + e, e);
        }
        return providers;
    }

    private static Object read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new AssertionError(field + ": " + e, e);
        }
    }
}
