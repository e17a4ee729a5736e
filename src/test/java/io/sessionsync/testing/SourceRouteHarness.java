package io.sessionsync.testing;

import io.sessionsync.pipeline.PageCheckpoint;
import io.sessionsync.pipeline.PageSteps;
import io.sessionsync.pipeline.RoutedSource;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.reliability.RetryHooks;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.model.RawRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A source's real route file ({@code routes/source-<name>.yaml}) and the real retry configuration
 * ({@code routes/retry.yaml}) in a CamelContext of their own, with the page step
 * ({@code direct:pipeline-page}) handing each page to the test's {@link SyncContext} (and
 * {@code direct:pipeline-prepare} leaving it as it is): what a source test
 * looks at is what the route read, page by page, and which checkpoints it asked to move.
 */
public final class SourceRouteHarness implements AutoCloseable {
    private final String source;
    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer;

    /**
     * @param beans      the beans the route file's steps call, by name
     * @param properties the computed properties its endpoints use (e.g. sessionsync.twilio.api-uri)
     */
    public SourceRouteHarness(String source, RetryPolicy retry, Map<String, Object> beans, Map<String, String> properties)
            throws Exception {
        this(source, retry, camel -> beans, properties);
    }

    /**
     * As above, the beans built once the CamelContext exists, before its routes are loaded: for sources
     * whose beans need the context (the Salesforce login) or a component registered in it.
     */
    public SourceRouteHarness(String source, RetryPolicy retry, Function<CamelContext, Map<String, Object>> beans,
                              Map<String, String> properties) throws Exception {
        this.source = source;
        RetryHooks.bind(camel.getRegistry(), retry);
        beans.apply(camel).forEach(camel.getRegistry()::bind);
        // The shipped defaults, as the service reads them; the schedule never fires here.
        camel.getPropertiesComponent().setLocation("classpath:config/application.properties");
        camel.getPropertiesComponent().addOverrideProperty("sessionsync.schedules.enabled", "false");
        properties.forEach(camel.getPropertiesComponent()::addOverrideProperty);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // No store here: nothing to ready a page against, and the page goes on as read.
                from("direct:pipeline-prepare").routeId("pipeline-prepare").process(ex -> { });
                from("direct:pipeline-page").routeId("pipeline-page").process(ex -> {
                    SyncContext run = ex.getProperty(PageSteps.RUN, SyncContext.class);
                    @SuppressWarnings("unchecked")
                    List<RawRecord> page = ex.getMessage().getBody(List.class);
                    ex.getMessage().setBody(run.accept(page));
                    PageCheckpoint checkpoint = ex.getProperty(PageSteps.CHECKPOINT, PageCheckpoint.class);
                    if (checkpoint != null) {
                        for (Map.Entry<String, Instant> e : checkpoint.watermarks().entrySet()) {
                            run.saveCheckpoint(e.getKey(), e.getValue());
                        }
                    }
                });
            }
        });
        for (String file : List.of("classpath:routes/retry.yaml", "classpath:routes/source-" + source + ".yaml")) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, file));
        }
        camel.start();
        producer = camel.createProducerTemplate();
    }

    /** One read of the source through its route, as a run does it. */
    public void read(SyncContext run) throws Exception {
        new RoutedSource(source, (object, id) -> Optional.empty(), producer).sync(run);
    }

    public CamelContext camel() {
        return camel;
    }

    @Override
    public void close() {
        producer.stop();
        camel.stop();
    }
}
