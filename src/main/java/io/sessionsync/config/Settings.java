package io.sessionsync.config;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import org.quartz.CronExpression;

/**
 * Every session-sync setting, declared once with its default and documentation, read from
 * {@code config/application.properties} (and {@code sandbox.properties} in sandbox mode), overridden
 * by environment variables, and validated at start-up. {@code config/application.properties}
 * documents each of them; a test keeps the two in step.
 */
public final class Settings {

    private static final Map<String, Setting> DECLARED = new LinkedHashMap<>();

    // --- Canonical store -------------------------------------------------------------------------
    public static final Setting STORE_URL = declare("sessionsync.store.url", "jdbc:h2:file:./data/session-sync",
            "JDBC URL of the canonical store: embedded H2 by default, jdbc:postgresql://... in production", nonBlank(), "a JDBC URL");
    public static final Setting STORE_USER = declare("sessionsync.store.user", "", "Database user", any(), "any");
    public static final Setting STORE_PASSWORD = secret("sessionsync.store.password", "", "Database password");
    public static final Setting STORE_POOL_SIZE = declare("sessionsync.store.pool-size", "4",
            "Connections in the store's pool", intBetween(1, 200), "an integer 1..200");
    public static final Setting STORE_BATCH_SIZE = declare("sessionsync.store.batch-size", "500",
            "Sessions written per JDBC batch", intBetween(1, 10_000), "an integer 1..10000");

    // --- Mappings --------------------------------------------------------------------------------
    public static final Setting MAPPINGS_LOCATION = declare("sessionsync.mappings.location", "classpath:mappings",
            "Where mapping files are read from: classpath:mappings (built in) or file:/path/to/dir (an edited copy)", nonBlank(), "classpath:... or file:...");
    public static final Setting MAPPINGS_PHONE_REGION = declare("sessionsync.mappings.phone-region", "US",
            "Region (ISO 3166 two-letter code) of phone numbers written without a country code, for type: phone in mappings",
            Settings::isPhoneRegion, "a two-letter region code such as US, GB, DE");

    // --- Retry of transient failures ---------------------------------------------------------------
    public static final Setting RETRY_MAX_ATTEMPTS = declare("sessionsync.retry.max-attempts", "5",
            "Attempts per remote call before a transient failure counts as failed", intBetween(1, 100), "an integer 1..100");
    public static final Setting RETRY_INITIAL_DELAY = declare("sessionsync.retry.initial-delay-ms", "500",
            "First backoff delay in ms; grows by the multiplier each attempt, with jitter", intBetween(0, 600_000), "milliseconds 0..600000");
    public static final Setting RETRY_MAX_DELAY = declare("sessionsync.retry.max-delay-ms", "30000",
            "Longest backoff delay in ms, also the cap on a Retry-After the remote side asks for", intBetween(0, 3_600_000), "milliseconds 0..3600000");
    public static final Setting RETRY_MULTIPLIER = declare("sessionsync.retry.multiplier", "2.0",
            "Backoff growth per attempt", decimalAtLeast(1.0), "a number >= 1.0");

    // --- Twilio Proxy ------------------------------------------------------------------------------
    public static final Setting TWILIO_ENABLED = declare("sessionsync.twilio.enabled", "false",
            "Sync Twilio Proxy sessions", bool(), "true or false");
    public static final Setting TWILIO_BASE_URL = declare("sessionsync.twilio.base-url", "https://proxy.twilio.com",
            "Twilio Proxy API base URL: scheme://host[:port], no path (a sandbox or an egress proxy); page links Twilio returns are followed on this host", url(), "an http(s) URL");
    public static final Setting TWILIO_ACCOUNT_SID = declare("sessionsync.twilio.account-sid", "",
            "Account SID (AC...) for HTTP Basic auth, or leave empty and use an API key", any(), "AC...");
    public static final Setting TWILIO_AUTH_TOKEN = secret("sessionsync.twilio.auth-token", "",
            "Auth Token: HTTP Basic password with the Account SID, and the key Twilio signs webhooks with");
    public static final Setting TWILIO_API_KEY_SID = declare("sessionsync.twilio.api-key-sid", "",
            "API key SID (SK...), used instead of the Account SID for Basic auth when set (preferred: it can be revoked alone)", any(), "SK...");
    public static final Setting TWILIO_API_KEY_SECRET = secret("sessionsync.twilio.api-key-secret", "", "API key secret");
    public static final Setting TWILIO_SERVICE_SIDS = declare("sessionsync.twilio.service-sids", "",
            "Comma-separated Proxy Service SIDs (KS...) whose sessions are synced; required when the source is enabled", any(), "KS...,KS...");
    public static final Setting TWILIO_PAGE_SIZE = declare("sessionsync.twilio.page-size", "1000",
            "PageSize of Proxy list calls (Twilio allows 1..1000)", intBetween(1, 1000), "an integer 1..1000");
    public static final Setting TWILIO_CRON = declare("sessionsync.twilio.cron", "0 0/5 * * * ?",
            "Quartz cron of scheduled Twilio Proxy runs", quartzCron(), "a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]), e.g. 0 0/5 * * * ?");

    // --- Evo Voice ---------------------------------------------------------------------------------
    public static final Setting EVO_ENABLED = declare("sessionsync.evovoice.enabled", "false",
            "Sync Evo Voice console sessions", bool(), "true or false");
    public static final Setting EVO_BASE_URL = declare("sessionsync.evovoice.base-url", "https://evovoice.io",
            "Evo Voice API base URL (production; team.evovoice.io is staging)", url(), "an http(s) URL");
    public static final Setting EVO_AUTH = declare("sessionsync.evovoice.auth", "BASIC",
            "How to authenticate: BASIC (username and password) or BEARER (bearer token)", v -> v.equalsIgnoreCase("BASIC") || v.equalsIgnoreCase("BEARER"), "BASIC or BEARER");
    public static final Setting EVO_USERNAME = declare("sessionsync.evovoice.username", "",
            "User for HTTP Basic auth (required with auth = BASIC)", any(), "a user name");
    public static final Setting EVO_PASSWORD = secret("sessionsync.evovoice.password", "", "Password for HTTP Basic auth (required with auth = BASIC)");
    public static final Setting EVO_BEARER_TOKEN = secret("sessionsync.evovoice.bearer-token", "",
            "Bearer token, with auth = BEARER");
    public static final Setting EVO_ACCOUNT_IDS = declare("sessionsync.evovoice.account-ids", "",
            "Comma-separated Evo Voice account ids passed as AccountIds on every list call; required when the source is enabled", any(), "ids");
    public static final Setting EVO_COUNT_PER_PAGE = declare("sessionsync.evovoice.count-per-page", "100",
            "CountPerPage of /sessions list calls", intBetween(1, 1000), "an integer 1..1000");
    public static final Setting EVO_SEARCH_ARCHIVE = declare("sessionsync.evovoice.search-archive", "false",
            "First runs and re-syncs also read archived sessions (older than ~15 days): switch on for backfills; incremental runs always check the archive for changes", bool(), "true or false");
    public static final Setting EVO_INITIAL_LOOKBACK = declare("sessionsync.evovoice.initial-lookback", "30d",
            "How far back the very first run reads, before any checkpoint: 30d, 12h, 90m or P30D", positiveDuration(), "a positive duration: 30d, 12h, 90m or ISO-8601 like P30D");
    public static final Setting EVO_MAX_CALLS_PER_RUN = declare("sessionsync.evovoice.max-calls-per-run", "200",
            "List calls (retries included) a run may spend re-reading the changes since the checkpoint; when spent, the run stops and keeps its checkpoint", intBetween(1, 100_000), "an integer 1..100000");
    public static final Setting EVO_CRON = declare("sessionsync.evovoice.cron", "0 0/5 * * * ?",
            "Quartz cron of scheduled Evo Voice runs", quartzCron(), "a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]), e.g. 0 0/5 * * * ?");
    public static final Setting EVO_WEBHOOK_SECRET = secret("sessionsync.evovoice.webhook-secret", "",
            "Shared secret (16+ characters) of the X-EvoVoice-Signature HMAC on /webhooks/evovoice (empty: the webhook answers 403)");

    // --- Salesforce --------------------------------------------------------------------------------
    public static final Setting SF_SOURCE_ENABLED = declare("sessionsync.salesforce.source.enabled", "false",
            "Sync SOSSession, MessagingSession and EngagementInteraction from Salesforce", bool(), "true or false");
    public static final Setting SF_TARGET_ENABLED = declare("sessionsync.salesforce.target.enabled", "false",
            "Upsert sessions of the target sources into Salesforce EngagementInteraction", bool(), "true or false");
    public static final Setting SF_LOGIN_URL = declare("sessionsync.salesforce.login-url", "https://login.salesforce.com",
            "Login host (the org's My Domain for client credentials); https only, plain http only for a local simulator", url(), "an http(s) URL");
    public static final Setting SF_INSTANCE_URL = declare("sessionsync.salesforce.instance-url", "",
            "Data host; empty: the instance_url of the login answer", any(), "an https URL or empty");
    public static final Setting SF_API_VERSION = declare("sessionsync.salesforce.api-version", "62.0",
            "Salesforce REST API version", v -> v.matches("\\d{2,3}\\.0"), "a version like 62.0");
    public static final Setting SF_AUTH_TYPE = declare("sessionsync.salesforce.auth-type", "CLIENT_CREDENTIALS",
            "OAuth flow: CLIENT_CREDENTIALS (recommended), JWT, or USERNAME_PASSWORD (being retired by Salesforce)",
            v -> v.matches("CLIENT_CREDENTIALS|JWT|USERNAME_PASSWORD"), "CLIENT_CREDENTIALS, JWT or USERNAME_PASSWORD");
    public static final Setting SF_CLIENT_ID = declare("sessionsync.salesforce.client-id", "",
            "Connected app consumer key", any(), "a consumer key");
    public static final Setting SF_CLIENT_SECRET = secret("sessionsync.salesforce.client-secret", "",
            "Connected app consumer secret");
    public static final Setting SF_USERNAME = declare("sessionsync.salesforce.username", "",
            "Integration user, for JWT and USERNAME_PASSWORD", any(), "a user name");
    public static final Setting SF_PASSWORD = secret("sessionsync.salesforce.password", "",
            "Password plus security token, for USERNAME_PASSWORD only");
    public static final Setting SF_KEYSTORE = declare("sessionsync.salesforce.keystore", "",
            "JWT only: PKCS#12 keystore resource holding the connected app's key (file:/path/key.p12)", any(), "a resource");
    public static final Setting SF_KEYSTORE_PASSWORD = secret("sessionsync.salesforce.keystore-password", "",
            "JWT only: the keystore's password");
    public static final Setting SF_OVERLAP = declare("sessionsync.salesforce.source.overlap", "PT10M",
            "Each poll starts this long before the checkpoint (SystemModstamp >=, ordered by SystemModstamp, Id)", isoDuration(), "a non-negative ISO-8601 duration like PT10M");
    public static final Setting SF_BUDGET_SHARE = declare("sessionsync.salesforce.source.budget-share", "0.8",
            "Share of the daily API limit (Sforce-Limit-Info) above which a scheduled run stops cleanly", decimalBetween(0.0, 1.0), "a number 0..1");
    public static final Setting SF_LOOP_GUARD_PREFIX = declare("sessionsync.salesforce.loop-guard-prefix", "session-sync:",
            "ExternalIdentifier prefix of the records session-sync writes; polled back, they are skipped", nonBlank(), "a prefix");
    public static final Setting SF_TARGET_SOURCES = declare("sessionsync.salesforce.target.sources", "twilio-proxy,evovoice",
            "Sources whose sessions are upserted into EngagementInteraction", any(), "source names");
    public static final Setting SF_TARGET_BATCH_SIZE = declare("sessionsync.salesforce.target.batch-size", "200",
            "Records per sObject Collections upsert call (the API allows 200)", intBetween(1, 200), "an integer 1..200");
    public static final Setting DELIVERY_POLL_MS = declare("sessionsync.delivery.poll-ms", "2000",
            "How often the delivery outbox is drained, in ms: sessions stored but not yet taken by a target are sent in full calls", intBetween(50, 600_000), "milliseconds 50..600000");
    public static final Setting SF_CRON = declare("sessionsync.salesforce.cron", "0 0/5 * * * ?",
            "Quartz cron of scheduled Salesforce polls", quartzCron(), "a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]), e.g. 0 0/5 * * * ?");

    // --- Webhooks ----------------------------------------------------------------------------------
    public static final Setting WEBHOOK_PUBLIC_BASE_URL = declare("sessionsync.webhooks.public-base-url", "",
            "The public base URL Twilio calls (e.g. https://sync.example.com); signatures are checked against it, "
                    + "not against the address this process sees behind a proxy. Empty: the request's own URL", baseUrl(),
            "empty, or scheme://host[:port] with http or https and no path, query or fragment, e.g. https://sync.example.com");
    public static final Setting INBOX_POLL_MS = declare("sessionsync.webhooks.inbox-poll-ms", "500",
            "How often accepted webhook events are drained from the durable inbox, in ms", intBetween(50, 60_000), "milliseconds 50..60000");
    public static final Setting INBOX_BATCH_SIZE = declare("sessionsync.webhooks.inbox-batch-size", "200",
            "Webhook events one drain worker claims at once; their records go down the pipeline as one recorded run",
            intBetween(1, 1000), "an integer 1..1000");
    public static final Setting INBOX_WORKERS = declare("sessionsync.webhooks.inbox-workers", "3",
            "Workers draining the webhook inbox at once in this instance (each holds a store connection while it works)",
            intBetween(1, 32), "an integer 1..32");
    public static final Setting INBOX_FETCH_THREADS = declare("sessionsync.webhooks.inbox-fetch-threads", "32",
            "Records the inbox drain fetches from their source at once (fetches mostly wait on the network)",
            intBetween(1, 64), "an integer 1..64");
    public static final Setting WEBHOOK_MAX_BODY_BYTES = declare("sessionsync.webhooks.max-body-bytes", "65536",
            "Largest webhook request body accepted, in bytes, per webhook route; a larger one gets 413 before it is read (callbacks are small)",
            intBetween(1024, 10 * 1024 * 1024), "bytes 1024..10485760");
    public static final Setting WEBHOOK_MAX_CONCURRENT = declare("sessionsync.webhooks.max-concurrent-requests", "32",
            "Webhook requests handled at once; more get 503 with Retry-After (Twilio and Evo Voice retry), so a flood cannot exhaust memory",
            intBetween(1, 10_000), "an integer 1..10000");

    // --- Sandbox -----------------------------------------------------------------------------------
    public static final Setting SANDBOX_ENABLED = declare("sessionsync.sandbox.enabled", "false",
            "Start local simulators of Twilio Proxy, Evo Voice and Salesforce and point the sources at them", bool(), "true or false");
    public static final Setting SANDBOX_SESSIONS = declare("sessionsync.sandbox.sessions-per-source", "2000",
            "Sessions each simulator is seeded with", intBetween(0, 100_000_000), "an integer >= 0");
    public static final Setting SANDBOX_BROKEN_SHARE = declare("sessionsync.sandbox.broken-share", "0.01",
            "Share of simulated sessions that fail mapping on purpose (they land in the dead letters)", decimalBetween(0.0, 1.0), "a number 0..1");
    public static final Setting SANDBOX_SEED = declare("sessionsync.sandbox.seed", "42",
            "Seed of the simulated data: the same seed gives the same sessions", intBetween(0, Integer.MAX_VALUE), "an integer");

    // --- Ops: admin API, health, metrics ---------------------------------------------------------------
    public static final Setting OPS_TOKEN = secret("sessionsync.ops.token", "",
            "Bearer token of the admin API under /ops (16+ characters); empty: the admin API answers 401 to everything",
            v -> v.isEmpty() || v.length() >= 16, "16 or more characters, or empty to switch the admin API off");
    public static final Setting HEALTH_FAILED_RUNS_THRESHOLD = declare("sessionsync.health.failed-runs-threshold", "3",
            "Failed scheduled or manual runs of a source in a row after which its health check reports DEGRADED (readiness DOWN); 0: never",
            intBetween(0, 1000), "an integer 0..1000");
    public static final Setting MANAGEMENT_PORT = declare("sessionsync.management.port", "",
            "Port of the admin API (/ops) and of health and metrics (/observe); empty: they share camel.server.port with the webhooks. "
                    + "Set it, and keep it private, so the public port serves webhooks only",
            v -> v.isEmpty() || intBetween(1, 65_535).test(v), "a port 1..65535, or empty to share camel.server.port");
    public static final Setting MANAGEMENT_HOST = declare("sessionsync.management.host", "127.0.0.1",
            "Address the management port binds to when sessionsync.management.port is set (127.0.0.1: this host only)", nonBlank(), "an IP address or host name");

    // --- Several instances -------------------------------------------------------------------------
    public static final Setting CLUSTER_ENABLED = declare("sessionsync.cluster.enabled", "false",
            "Run several instances on one PostgreSQL store: Quartz clustered on its JDBC job store, each scheduled run fires on one instance", bool(), "true or false");
    public static final Setting CLUSTER_CHECKIN_INTERVAL = declare("sessionsync.cluster.checkin-interval-ms", "7500",
            "How often each clustered instance checks in, in ms; an instance silent for longer has its fired runs recovered by another", intBetween(1000, 600_000), "milliseconds 1000..600000");

    // --- Retention of the service's own history ---------------------------------------------------------
    public static final Setting RETENTION_DAYS = declare("sessionsync.retention.days", "90",
            "Days finished runs (sync_run), settled webhook events (webhook_inbox) and replayed dead letters are kept; 0: keep for ever"
                    + " (pending and discarded letters, sessions and deliveries are never purged)", intBetween(0, 36_500), "days 0..36500");
    public static final Setting RETENTION_CRON = declare("sessionsync.retention.cron", "0 30 3 * * ?",
            "Quartz cron of the daily purge of history older than retention.days", quartzCron(), "a Quartz cron expression");

    // --- Scale: progress of long runs, read-ahead ------------------------------------------------------
    public static final Setting PROGRESS_LOG_INTERVAL = declare("sessionsync.progress.log-interval-seconds", "10",
            "How often a run going logs its progress (records done, rate, ETA when the total is known); 0: never", intBetween(0, 86_400), "seconds 0..86400");
    public static final Setting TWILIO_PARTICIPANTS = declare("sessionsync.twilio.participants", "true",
            "Fetch each new or changed Proxy session's Participants (one list call a session) so its customer is mapped; false: sessions only (the benchmark measures the pipeline this way)",
            bool(), "true or false");
    public static final Setting TWILIO_PREFETCH = declare("sessionsync.twilio.prefetch", "true",
            "Fetch the next Twilio Proxy list page while the current one is mapped and written (two pages in memory)", bool(), "true or false");
    public static final Setting TWILIO_PARALLEL_SERVICES = declare("sessionsync.twilio.parallel-services", "2",
            "How many Twilio Proxy services a run reads at once (each its own pages; the store takes their pages side by side)",
            intBetween(1, 16), "an integer 1..16");
    public static final Setting SCHEDULES_ENABLED = declare("sessionsync.schedules.enabled", "true",
            "Whether this instance fires the sources' Quartz schedules; false: runs come only from webhooks, the admin API and the CLI (one-off CLI commands always run with false)",
            bool(), "true or false");

    // --- Scale: Salesforce backfills through the Bulk API 2.0 -----------------------------------------
    public static final Setting SF_BULK_THRESHOLD = declare("sessionsync.salesforce.source.bulk-threshold", "10000",
            "Records changed in a poll's window (SELECT COUNT()) above which the object is read through a Bulk API 2.0 query job instead of REST pages; 0: never",
            intBetween(0, Integer.MAX_VALUE), "an integer >= 0");
    public static final Setting SF_BULK_POLL_MS = declare("sessionsync.salesforce.source.bulk-poll-ms", "2000",
            "How often the state of a running Bulk API 2.0 query job is polled, in ms", intBetween(1, 600_000), "milliseconds 1..600000");
    public static final Setting SF_BULK_PAGE_RECORDS = declare("sessionsync.salesforce.source.bulk-page-records", "10000",
            "Rows per Bulk API 2.0 results page (maxRecords); records reach the pipeline 2000 at a time", intBetween(1, 1_000_000), "an integer 1..1000000");

    // --- Salesforce subscribe: Change Data Capture through the Pub/Sub API (docs/salesforce-subscribe.md) ---
    public static final Setting SF_SUBSCRIBE_ENABLED = declare("sessionsync.salesforce.subscribe.enabled", "false",
            "Subscribe to Salesforce change events (Pub/Sub API) so changed sessions arrive within seconds; needs the Salesforce source; polling stays as reconciliation",
            bool(), "true or false");
    public static final Setting SF_SUBSCRIBE_CHANNELS = declare("sessionsync.salesforce.subscribe.channels", "/data/ChangeEvents",
            "Comma-separated change event channels, one subscriber each: /data/ChangeEvents, /data/<Object>ChangeEvent or a custom /data/<Name>__chn",
            channelList(), "channels like /data/ChangeEvents or /data/MessagingSessionChangeEvent");
    public static final Setting SF_SUBSCRIBE_BATCH_SIZE = declare("sessionsync.salesforce.subscribe.batch-size", "100",
            "Events requested from the Pub/Sub API at a time (flow control, pubSubBatchSize)", intBetween(1, 100), "an integer 1..100");
    public static final Setting SF_SUBSCRIBE_MAX_IDS = declare("sessionsync.salesforce.subscribe.max-ids", "200",
            "Record ids collected from events before they are fetched (one Id IN (...) query per object)", intBetween(1, 2000), "an integer 1..2000");
    public static final Setting SF_SUBSCRIBE_MAX_WAIT_MS = declare("sessionsync.salesforce.subscribe.max-wait-ms", "1000",
            "Longest an event's ids wait for more before they are fetched, in ms", intBetween(50, 60_000), "milliseconds 50..60000");
    public static final Setting SF_SUBSCRIBE_DOWN_AFTER = declare("sessionsync.salesforce.subscribe.down-after", "PT2M",
            "A channel without a running subscriber anywhere, or failing to write its changes, this long turns health DEGRADED", positiveDuration(), "a positive duration like PT2M");
    public static final Setting SF_SUBSCRIBE_LOCK_CHECK_MS = declare("sessionsync.salesforce.subscribe.lock-check-ms", "5000",
            "How often an instance checks it still holds a channel's subscriber lock, or tries to take a free one, in ms", intBetween(100, 600_000), "milliseconds 100..600000");
    public static final Setting SF_SUBSCRIBE_BACKOFF_MS = declare("sessionsync.salesforce.subscribe.backoff-ms", "1000",
            "Reconnect delay after a dropped stream, in ms; grows by this much on each failed attempt (camel-salesforce backoffIncrement)", intBetween(10, 600_000), "milliseconds 10..600000");
    public static final Setting SANDBOX_SF_CHANGE_MS = declare("sessionsync.sandbox.salesforce-change-ms", "3000",
            "With the subscription on, how often the sandbox's Salesforce simulator edits a few sessions while run is up, in ms; 0: never",
            intBetween(0, 3_600_000), "milliseconds 0..3600000");
    public static final Setting SF_PUBSUB_HOST = declare("sessionsync.salesforce.subscribe.pubsub-host", "api.pubsub.salesforce.com",
            "Host of the Pub/Sub API", nonBlank(), "a host name");
    public static final Setting SF_PUBSUB_PORT = declare("sessionsync.salesforce.subscribe.pubsub-port", "7443",
            "Port of the Pub/Sub API", intBetween(1, 65_535), "a port 1..65535");
    public static final Setting SF_PUBSUB_PLAINTEXT = declare("sessionsync.salesforce.subscribe.pubsub-plaintext", "false",
            "Talk to the Pub/Sub API without TLS; only for a simulator on loopback (refused for any other host)", bool(), "true or false");

    private final Function<String, String> lookup;

    private Settings(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /**
     * Settings read from properties, where an environment variable (see {@link Setting#envName()})
     * or a system property of the same key wins.
     */
    public static Settings from(Properties properties, Map<String, String> env) {
        return new Settings(key -> {
            Setting s = DECLARED.get(key);
            String fromEnv = s == null ? null : env.get(s.envName());
            if (fromEnv != null) return fromEnv;
            String sys = System.getProperty(key);
            if (sys != null) return sys;
            return properties.getProperty(key);
        });
    }

    /** These settings with some values replaced (the sandbox points the sources at its simulators). */
    public Settings withOverrides(Map<String, String> overrides) {
        Function<String, String> base = lookup;
        return new Settings(key -> overrides.containsKey(key) ? overrides.get(key) : base.apply(key));
    }

    /** Every setting at its declared default (what the connectors' convenience factories start from). */
    public static Settings defaults() {
        return new Settings(key -> null);
    }

    public static List<Setting> declared() {
        return Collections.unmodifiableList(new ArrayList<>(DECLARED.values()));
    }

    public String get(Setting s) {
        String v = lookup.apply(s.key());
        return v == null ? s.defaultValue() : v.trim();
    }

    // Typed reads check the value against its declaration first, so a connector reading a setting
    // gets the declared check (and message) even where validate() has not run, and needs none of its own.
    public int getInt(Setting s) { return Integer.parseInt(valid(s)); }
    public double getDouble(Setting s) { return Double.parseDouble(valid(s)); }
    public boolean getBoolean(Setting s) { return Boolean.parseBoolean(valid(s)); }
    public Duration getMillis(Setting s) { return Duration.ofMillis(Long.parseLong(valid(s))); }

    /** A duration written as {@code 30d}, {@code 12h}, {@code 90m} or ISO-8601 ({@code P30D}). */
    public Duration getDuration(Setting s) { return parseDuration(valid(s)); }

    /** The value, or null when it is blank (an optional setting left empty); checked like the typed reads. */
    public String getOptional(Setting s) {
        String v = valid(s);
        return v.isBlank() ? null : v;
    }

    public List<String> getList(Setting s) {
        String v = valid(s);
        if (v.isBlank()) return List.of();
        return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** Checks every declared setting; throws one error listing each bad one, without secret values. */
    public Settings validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) throw invalid(problems);
        return this;
    }

    /** Each declared setting whose value fails its check, one line each, without secret values. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Setting s : DECLARED.values()) {
            String v = get(s);
            if (!s.check().test(v)) problems.add(problem(s, v));
        }
        return problems;
    }

    /** The one error that lists every problem found, so an operator fixes them all in one round. */
    public static SettingsException invalid(List<String> problems) {
        return new SettingsException("Invalid settings (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  " + String.join("\n  ", problems));
    }

    private String valid(Setting s) {
        String v = get(s);
        if (!s.check().test(v)) throw new SettingsException("Invalid setting: " + problem(s, v));
        return v;
    }

    private static String problem(Setting s, String v) {
        return s.key() + " (env " + s.envName() + ") = " + s.printable(v) + ": expected " + s.expectation();
    }

    /** Requires a setting that a feature cannot run without; names the feature in the error. */
    public String require(Setting s, String feature) {
        String v = get(s);
        if (v.isBlank()) {
            throw new SettingsException(feature + " needs " + s.key() + " (env " + s.envName() + "): " + s.doc());
        }
        return v;
    }

    private static Setting declare(String key, String def, String doc, Predicate<String> check, String expectation) {
        Setting s = new Setting(key, def, doc, false, check, expectation);
        DECLARED.put(key, s);
        return s;
    }

    private static Setting secret(String key, String def, String doc) {
        return secret(key, def, doc, any(), "any");
    }

    /** A secret with a check; a bad value is reported without the value itself. */
    private static Setting secret(String key, String def, String doc, Predicate<String> check, String expectation) {
        Setting s = new Setting(key, def, doc, true, check, expectation);
        DECLARED.put(key, s);
        return s;
    }

    private static Predicate<String> channelList() {
        return v -> !v.isBlank() && Arrays.stream(v.split(",")).map(String::trim)
                .allMatch(c -> c.matches("/data/[A-Za-z][A-Za-z0-9_]*"));
    }
    private static Predicate<String> any() { return v -> true; }
    private static Predicate<String> nonBlank() { return v -> !v.isBlank(); }
    private static Predicate<String> bool() { return v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"); }
    private static Predicate<String> url() { return v -> v.startsWith("http://") || v.startsWith("https://"); }

    /**
     * What camel-quartz will accept: an invalid cron otherwise only shows when the schedule route
     * fails to start, leaving the source unscheduled behind a 503 health check.
     */
    /** A region libphonenumber has numbering rules for (asked here: config depends on no package of ours). */
    private static boolean isPhoneRegion(String region) {
        return region != null && PhoneNumberUtil.getInstance().getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    private static Predicate<String> quartzCron() { return CronExpression::isValidExpression; }

    /**
     * Twilio's signature covers the whole URL it called, which is rebuilt as this base + the request's
     * path: a path, query or fragment here would make every signature check fail.
     */
    private static Predicate<String> baseUrl() {
        return v -> {
            if (v.isEmpty()) return true;
            try {
                URI u = new URI(v);
                return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                        && (u.getRawPath() == null || u.getRawPath().isEmpty() || "/".equals(u.getRawPath()))
                        && u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null;
            } catch (URISyntaxException e) {
                return false;
            }
        };
    }

    private static Predicate<String> isoDuration() {
        return v -> {
            try {
                return !Duration.parse(v).isNegative();
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    private static Predicate<String> positiveDuration() {
        return v -> {
            try {
                Duration d = parseDuration(v);
                return !d.isNegative() && !d.isZero();
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    /** {@code 30d}, {@code 12h}, {@code 90m} or ISO-8601; throws on anything else. */
    static Duration parseDuration(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) return Duration.parse(t.toUpperCase(Locale.ROOT));
        if (t.length() < 2) throw new IllegalArgumentException("not a duration: " + v);
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException("not a duration: " + v);
        };
    }

    private static Predicate<String> intBetween(int min, int max) {
        return v -> {
            try {
                int i = Integer.parseInt(v);
                return i >= min && i <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    private static Predicate<String> decimalAtLeast(double min) { return decimalBetween(min, Double.MAX_VALUE); }

    private static Predicate<String> decimalBetween(double min, double max) {
        return v -> {
            try {
                double d = Double.parseDouble(v);
                return d >= min && d <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }
}
