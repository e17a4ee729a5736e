package io.sessionsync.mapping;

/**
 * A mapping an enabled source or target cannot run without: a registry lacking it is refused at
 * start-up and by {@code mappings check}, instead of dead-lettering every record of that source.
 *
 * @param kind      {@code source} or {@code target}, the mapping file's first key
 * @param name      the source or target name, e.g. {@code twilio-proxy}
 * @param object    the object it reads or writes, e.g. {@code Session}
 * @param enabledBy the setting that switched it on, so the operator knows what to change
 */
public record RequiredMapping(String kind, String name, String object, String enabledBy) {

    public static RequiredMapping source(String name, String object, String enabledBy) {
        return new RequiredMapping("source", name, object, enabledBy);
    }

    public static RequiredMapping target(String name, String object, String enabledBy) {
        return new RequiredMapping("target", name, object, enabledBy);
    }
}
