package dev.meridian.dynamodb.hostile;

import java.util.List;
import java.util.Set;

/** The operations the engine serves and the error types the API Reference documents for them. */
final class Targets {

    private Targets() {
    }

    static final List<String> DYNAMODB_OPERATIONS = List.of(
            "PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan",
            "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems",
            "CreateTable", "DeleteTable", "DescribeTable", "ListTables", "UpdateTable",
            "UpdateTimeToLive", "DescribeTimeToLive");

    static final List<String> STREAMS_OPERATIONS = List.of(
            "ListStreams", "DescribeStream", "GetShardIterator", "GetRecords");

    /**
     * Client-error types of the DynamoDB and DynamoDB Streams API Reference (the common errors
     * and each operation's own). An answer outside this set, or any 5xx, is a defect.
     */
    static final Set<String> DOCUMENTED_CLIENT_ERRORS = Set.of(
            "AccessDeniedException", "ConditionalCheckFailedException", "IdempotentParameterMismatchException",
            "IncompleteSignatureException", "ItemCollectionSizeLimitExceededException", "LimitExceededException",
            "MissingAuthenticationTokenException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
            "ResourceInUseException", "ResourceNotFoundException", "SerializationException", "ThrottlingException",
            "TransactionCanceledException", "TransactionConflictException", "TransactionInProgressException",
            "UnknownOperationException", "UnrecognizedClientException", "ValidationException",
            "ExpiredIteratorException", "TrimmedDataAccessException");

    static String dynamodb(String operation) {
        return "DynamoDB_20120810." + operation;
    }

    static String streams(String operation) {
        return "DynamoDBStreams_20120810." + operation;
    }
}
