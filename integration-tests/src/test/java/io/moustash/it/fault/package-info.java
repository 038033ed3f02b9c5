/**
 * The fault suite (issue #12, point 9): one class per family of faults (the broker, the spool's
 * files, faults while a tool runs, Fouet, RabbitMQ, Sentinel), each row breaking one thing and
 * running the real tools through the distribution's launchers ({@link io.moustash.it.fault.Tools},
 * {@link io.moustash.it.fault.FouetDriver}). Every row ends on the same invariant,
 * {@link io.moustash.it.fault.Ledger#check}: every accepted event arrives, copies dropped by
 * {@code event.id}, in order per producer; and every run is held to its bound
 * ({@link io.moustash.it.fault.Scenario}). The table of rows, what the user sees and which rows are
 * disabled until a fix lands is in docs/reliability.md ("The fault suite").
 */
package io.moustash.it.fault;
