export type SignInDoor = {
  admitted: number;
  running: number;
  limit: number;
  perSecond: number;
  tokens: number;
  refilledAt: number;
  everyoneUntil: number;
  addresses: Map<string, number>;
};
export const SIGN_IN_PATHS: Set<string>;
export function signInDoor(): SignInDoor;
export function admitAtDoor(address: string, now?: number): { reason: "throttled" | "busy"; retryAfterSeconds: number } | null;
export function leaveDoor(): void;
export function enterCheck(trusted: boolean): boolean;
export function leaveCheck(): void;
export function rememberLock(scope: string, address: string, until: number): void;
export const DOOR_MESSAGES: { throttled: string; busy: string };
