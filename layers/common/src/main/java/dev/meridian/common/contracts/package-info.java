/**
 * Meridian's event contracts: one record per event type, owned by the service that emits it
 * ({@link dev.meridian.common.contracts.EventType#source()}), serialized by one writer
 * ({@code EventWriter}, from the record's components) and read by the record's own
 * {@code from(DomainEvent)}. Producers build events from these records; consumers parse what
 * they read into them in their adapters. Every type has a JSON Schema in {@code events/schemas/}
 * that the contract tests hold fixtures, emitted events and {@code docs/events.md} to.
 */
package dev.meridian.common.contracts;
