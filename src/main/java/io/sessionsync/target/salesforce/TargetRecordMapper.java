package io.sessionsync.target.salesforce;

import io.sessionsync.model.CanonicalSession;
import java.util.Map;

/**
 * Turns a canonical session into EngagementInteraction fields (API name to value). Supplied by the
 * mapping engine; throwing means "this session cannot be written" and is reported per record.
 */
@FunctionalInterface
public interface TargetRecordMapper {
    Map<String, Object> toTarget(CanonicalSession session) throws Exception;
}
