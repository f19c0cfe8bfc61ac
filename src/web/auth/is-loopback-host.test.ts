import { describe, expect, it } from "vitest";

import { hostOfHeader, isLoopbackHost } from "./is-loopback-host.js";

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"])(
    "%s is this machine only",
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each([
    "0.0.0.0",
    "::",
    "192.168.1.10",
    "csops.example",
    "localhost.evil.example",
    "128.0.0.1",
  ])("%s is reachable from elsewhere", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("hostOfHeader", () => {
  it.each([
    ["localhost:3000", "localhost"],
    ["[::1]:3000", "[::1]"],
    ["csops.example", "csops.example"],
  ])("%s names %s", (header, host) => {
    expect(hostOfHeader(header)).toBe(host);
  });
});
