/** A change of an alert's state (a budget's, a release's regressions) and the webhook body that tells it, JSON. */
export interface AlertChange {
  site: string;
  /** What the alert is about: `budget:LCP on https://shop.example/`, `regression:web-2`. */
  key: string;
  state: string;
  body: string;
  at: number;
}

/** A change whose webhook has not been delivered yet, and how many sends of it failed. */
export interface PendingAlert extends AlertChange {
  id: number;
  attempts: number;
}

/**
 * The alerts' memory: each alert's last state and an outbox of webhooks to send. A change is
 * recorded with its webhook in one transaction and only marked delivered after the receiver
 * answered, so that a restart neither loses a change nor tells one twice (but for a crash between
 * the answer and the mark: the body's `id` lets a receiver drop that repeat).
 */
export interface AlertStorage {
  states(): Promise<{ site: string; key: string; state: string }[]>;
  /** Sets the alert's state and queues its webhook; resolves to the webhook's id. */
  record(change: AlertChange): Promise<number>;
  /** Undelivered webhooks, the oldest first. */
  pending(): Promise<PendingAlert[]>;
  /** After a send: delivered (it leaves the outbox), or one failed attempt more. */
  settle(id: number, delivered: boolean, at: number): Promise<void>;
}
