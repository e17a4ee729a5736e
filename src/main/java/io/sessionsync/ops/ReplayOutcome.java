package io.sessionsync.ops;

/**
 * What a replay did with one dead letter.
 *
 * @param result  {@code replayed} (it went through; the letter is marked replayed) or {@code still-failing}
 *                (it failed again; the pipeline recorded the new failure: in this letter, attempts + 1,
 *                or, when it now fails at another stage, in a new pending letter named in the message,
 *                and this one is marked replayed)
 * @param message the new failure's message when it failed again, else null
 */
public record ReplayOutcome(long letterId, String recordKey, String result, String message) {
    public static final String REPLAYED = "replayed";
    public static final String STILL_FAILING = "still-failing";
}
