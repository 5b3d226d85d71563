package dev.meridian.common.events;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.ArrayList;
import java.util.List;

/** Adapter: {@link EventPublisher} on EventBridge {@code PutEvents}, ten entries per call. */
public final class EventBridgePublisher implements EventPublisher {

    static final int MAX_ENTRIES_PER_CALL = 10;

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public List<String> publish(List<DomainEvent> events) {
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < events.size(); from += MAX_ENTRIES_PER_CALL) {
            List<DomainEvent> chunk = events.subList(from, Math.min(events.size(), from + MAX_ENTRIES_PER_CALL));
            List<PutEventsRequestEntry> entries = chunk.stream().map(e -> PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(e.source())
                    .detailType(e.detailType())
                    .detail(e.detailJson())
                    .time(e.envelope().occurredAt())
                    .build()).toList();
            PutEventsResponse response = client.putEvents(PutEventsRequest.builder().entries(entries).build());
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                List<PutEventsResultEntry> results = response.entries();
                for (int i = 0; i < chunk.size(); i++) {
                    PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                    if (result == null || result.errorCode() != null) {
                        failed.add(chunk.get(i).eventId());
                    }
                }
            }
        }
        return failed;
    }
}
