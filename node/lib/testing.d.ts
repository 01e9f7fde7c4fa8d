/// <reference types="node" />
import type { KeyMode, Payload, Signer, UnwrapWebhookEvent, KnownEventType, SecretSpec } from './index';

export { Signer } from './index';

export interface StandardHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The core's sample body (compact JSON, as ImageKit sends it) for a known event type. */
export function sampleBody(type: KnownEventType): string;
/** The sample event for a type, parsed. */
export function sampleEvent<T extends KnownEventType>(type: T): Extract<UnwrapWebhookEvent, { type: T }>;
/** Every sample. */
export function sampleEvents(): Array<{ type: KnownEventType; body: string }>;
/** Standard Webhooks headers for a body, signed as ImageKit does (key mode `imagekit` by default). */
export function generateHeaders(
  secret: SecretSpec,
  body: Payload,
  options?: { keyMode?: KeyMode; id?: string; timestamp?: Date | number },
): StandardHeaders;
/** The legacy `x-ik-signature` header (timestamp in milliseconds or a Date; default now). */
export function generateLegacyHeaders(
  secret: SecretSpec,
  body: Payload,
  options?: { keyMode?: KeyMode; timestamp?: Date | number },
): { 'x-ik-signature': string };
/** A signed delivery of a sample event (or of your own body). */
export function signedDelivery(
  secret: SecretSpec,
  typeOrBody: KnownEventType | string,
  options?: { keyMode?: KeyMode; id?: string; timestamp?: Date | number },
): { body: string; headers: StandardHeaders; event: UnwrapWebhookEvent | undefined };
/** A fresh `msg_...` id. */
export function freshMessageId(): string;
export const EVENT_TYPES: readonly KnownEventType[];
