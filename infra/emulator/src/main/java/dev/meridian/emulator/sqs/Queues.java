package dev.meridian.emulator.sqs;

import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The template's queues, created in the SQS engine, dead-letter queues first. */
public final class Queues {

    private Queues() {
    }

    /** Creates every queue (with its redrive policy); the queue URLs by logical id. */
    public static Map<String, String> create(StackModel model, SqsClient sqs) {
        Map<String, String> queueUrls = new LinkedHashMap<>();
        // dead-letter queues first: a redrive policy names an existing queue's ARN
        List<Specs.Queue> ordered = new ArrayList<>();
        model.queues().values().stream().filter(q -> q.deadLetterQueueLogicalId() == null).forEach(ordered::add);
        model.queues().values().stream().filter(q -> q.deadLetterQueueLogicalId() != null).forEach(ordered::add);
        Map<String, String> arns = new LinkedHashMap<>();
        for (Specs.Queue q : ordered) {
            Map<String, String> attributes = new LinkedHashMap<>(q.attributes());
            if (q.deadLetterQueueLogicalId() != null) {
                attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + arns.get(q.deadLetterQueueLogicalId())
                        + "\",\"maxReceiveCount\":\"" + q.maxReceiveCount() + "\"}");
            }
            try {
                String url = sqs.createQueue(b -> b.queueName(q.queueName()).attributesWithStrings(attributes)).queueUrl();
                queueUrls.put(q.logicalId(), url);
                arns.put(q.logicalId(), sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN));
            } catch (RuntimeException e) {
                throw new IllegalStateException(q.logicalId() + " (AWS::SQS::Queue): the SQS engine refused the queue: " + e.getMessage(), e);
            }
        }
        return queueUrls;
    }
}
