export const CLIENT_ADDRESS_HEADER: string;
export const FORWARDING_HEADERS: string[];
export function parseTrustProxyHops(raw: string | undefined): number;
export function normaliseAddress(raw: unknown): string;
export function clientAddressFrom(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, hops: number): string;
export function markServerEntry(): void;
export function startedFromServerEntry(): boolean;
