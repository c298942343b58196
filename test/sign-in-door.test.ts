import { beforeEach, describe, expect, it } from "vitest";
import { admitAtDoor, enterCheck, leaveCheck, leaveDoor, rememberLock, signInDoor } from "@/lib/auth/sign-in-door.mjs";

const T0 = 1_800_000_000_000;

beforeEach(() => {
  const door = signInDoor();
  Object.assign(door, { admitted: 0, running: 0, limit: 1, perSecond: 2, tokens: 2, refilledAt: T0, everyoneUntil: 0 });
  door.addresses.clear();
});

describe("the sign-in door (server.mjs, before Next)", () => {
  it("admits untrusted sign-ins one at a time", () => {
    expect(admitAtDoor("192.0.2.1", T0)).toBeNull();
    expect(admitAtDoor("192.0.2.2", T0)).toEqual({ reason: "busy", retryAfterSeconds: 1 });
    leaveDoor();
    expect(admitAtDoor("192.0.2.2", T0)).toBeNull();
  });

  it("admits at most perSecond a second, the bucket refilling with time", () => {
    const door = signInDoor();
    door.limit = 100;
    expect([admitAtDoor("a", T0), admitAtDoor("a", T0), admitAtDoor("a", T0)]).toEqual([
      null,
      null,
      { reason: "busy", retryAfterSeconds: 1 },
    ]);
    expect(admitAtDoor("a", T0 + 400)).toEqual({ reason: "busy", retryAfterSeconds: 1 });
    expect(admitAtDoor("a", T0 + 600)).toBeNull();
  });

  it("still admits one now and then when the rate is under one a second", () => {
    const door = signInDoor();
    Object.assign(door, { perSecond: 0.1, tokens: 1 });
    expect(admitAtDoor("a", T0)).toBeNull();
    leaveDoor();
    expect(admitAtDoor("a", T0 + 5_000)?.reason).toBe("busy");
    expect(admitAtDoor("a", T0 + 10_000)).toBeNull();
  });

  it("refuses what the app reported locked: an address, or every untrusted client", () => {
    rememberLock("address", "203.0.113.5", T0 + 30_000);
    expect(admitAtDoor("203.0.113.5", T0)).toEqual({ reason: "throttled", retryAfterSeconds: 30 });
    expect(admitAtDoor("203.0.113.6", T0)).toBeNull();
    leaveDoor();
    rememberLock("account", "203.0.113.7", T0 + 30_000); // the door cannot know accounts: ignored
    expect(admitAtDoor("203.0.113.7", T0 + 1000)).toBeNull();
    leaveDoor();
    rememberLock("everyone", "ignored", T0 + 60_000);
    expect(admitAtDoor("198.51.100.1", T0 + 2000)).toEqual({ reason: "throttled", retryAfterSeconds: 58 });
    expect(admitAtDoor("198.51.100.1", T0 + 60_001)).toBeNull();
  });
});

describe("password-check slots (the app)", () => {
  it("keep one more for a trusted device", () => {
    expect(enterCheck(false)).toBe(true);
    expect(enterCheck(false)).toBe(false);
    expect(enterCheck(true)).toBe(true);
    expect(enterCheck(true)).toBe(false);
    leaveCheck();
    leaveCheck();
    expect(enterCheck(false)).toBe(true);
  });
});
