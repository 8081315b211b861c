package fr.ordre.monespace.fakes;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A hand-written fake seen through one of Keycloak's interfaces: {@code implementation} is a plain
 * object with just the methods a test needs (same name and parameter types). The interface's
 * default methods run as written; any other method throws, naming itself, so a test never passes
 * on a behaviour nobody wrote. A method that returns its own object returns the fake, for chained
 * builders such as LoginFormsProvider.
 */
public final class Fake {

    private Fake() {
    }

    public static <T> T of(Class<T> type, Object implementation) {
        InvocationHandler handler = (proxy, method, args) -> {
            Method own = find(implementation.getClass(), method);
            if (own != null) {
                try {
                    own.setAccessible(true);
                    Object result = own.invoke(implementation, args);
                    return result == implementation ? proxy : result;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (method.getName()) {
                case "toString" -> "fake " + type.getSimpleName() + " (" + implementation + ")";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(
                        "fake " + type.getSimpleName() + "." + method.getName() + " is not written");
            };
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Method find(Class<?> implementation, Method method) {
        for (Class<?> c = implementation; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                // Try the superclass.
            }
        }
        return null;
    }
}
