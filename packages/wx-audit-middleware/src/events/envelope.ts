/** The decoded message with WeChat's own field names; every value exactly as sent (64-bit ids as strings). */
export type RawMessage = Record<string, unknown>;

/** What every dispatched event carries besides its typed fields. */
export interface EventEnvelope<T extends string> {
  type: T;
  /** Idempotency key: equal for every re-delivery of the same message. */
  id: string;
  raw: RawMessage;
  /** Third-party platforms: the authorizer appid taken from the callback path (`<mount>/<appid>`). */
  authorizerAppId?: string;
}

